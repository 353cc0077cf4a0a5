/**
 * Phone numbers from CRM exports, parsed and validated with libphonenumber-js (full metadata, so
 * a number's type is known: mobile or landline).
 *
 * Public API:
 *   cleanPhone(text, region = 'CN'): PhoneResult
 *   phoneKey(stored, region = 'CN'): string | null    a stored number in the form cleanPhone gives, for matching
 *
 * The form we store (decision): a mainland number in its national form, digits only, as agents
 * dial and search it and as the store already holds it: mobiles as 11 digits (13812345678),
 * landlines with the 0 and the area code (02162345678, 075512345678). Any other country's number
 * is kept in E.164 (+85291234567), since it has to be dialled internationally anyway.
 *
 * Accepted: +86 / 0086 / 86 prefixes, spaces, dashes, dots, parentheses, (0) after the country
 * code, full-width digits; an extension after 转, 分机, ext, x, # or a last dash (returned apart,
 * with a warning: the store has no place for it); several numbers in one cell separated by / , ;
 * 、 or | (the first valid one is taken, the others are named in a warning).
 * Refused: a landline without its area code, wrong lengths, and Excel's scientific notation
 * (1.38123E+10: the digits are already lost, the file must be exported again with the column as text).
 */
import { Metadata, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { cleanText } from './clean-text';

export type PhoneKind = 'mobile' | 'fixed_line' | 'other';

export type PhoneResult =
  | {
      ok: true;
      /** The stored form (see above). */
      phone: string;
      e164: string;
      kind: PhoneKind;
      /** An extension that was written after the number, without its marker. */
      extension: string | null;
      /** Other numbers found in the same cell and not used. */
      ignored: string[];
    }
  | { ok: false; code: 'invalid_phone' | 'scientific_notation'; reason: string };

const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?e\+?\d+$/i;
const EXTENSION = /^(.*\d)\s*(?:转|分机|ext\.?|x|#|-)\s*(\d{1,6})$/i;
const SEVERAL = /\s*(?:[/,;，；、|]|\s或\s|\sor\s)\s*/i;

/**
 * A bare mainland mobile is most of every file, and libphonenumber compiles its patterns on each
 * call (about 15 µs a number). So the mobile pattern of its own metadata is compiled once and a
 * number it matches is taken as the mobile libphonenumber would call it; anything else goes the
 * full way. Null when the metadata does not offer the pattern: then everything goes the full way.
 */
const CN_MOBILE = mobilePattern('CN');
const BARE_CN_MOBILE = /^(?:\+86|0086|86)?(1\d{10})$/;

function mobilePattern(country: CountryCode): RegExp | null {
  try {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(country);
    const plan = metadata.numberingPlan as unknown as { type?: (type: string) => { pattern?: () => string } | undefined } | undefined;
    const pattern = plan?.type?.('MOBILE')?.pattern?.();
    return pattern ? new RegExp(`^(?:${pattern})$`) : null;
  } catch {
    return null;
  }
}

export function cleanPhone(text: string, region: CountryCode = 'CN'): PhoneResult {
  const value = cleanText(text);
  if (region === 'CN' && CN_MOBILE) {
    const bare = BARE_CN_MOBILE.exec(value.replace(/[\s().-]/g, ''));
    const digits = bare?.[1];
    if (digits && CN_MOBILE.test(digits)) return { ok: true, phone: digits, e164: `+86${digits}`, kind: 'mobile', extension: null, ignored: [] };
  }
  if (SCIENTIFIC.test(value)) {
    return {
      ok: false,
      code: 'scientific_notation',
      reason: `"${value}" is a number Excel wrote in scientific notation, so its digits are lost; format the column as text in Excel and export again`,
    };
  }
  // Split first: libphonenumber would happily take the first of two numbers and drop the second unseen.
  const parts = value.split(SEVERAL).filter((part) => /\d{5}/.test(part.replace(/\D/g, '')));
  if (parts.length <= 1) {
    const single = parseOne(value, region);
    if (single) return single;
  } else {
    for (let i = 0; i < parts.length; i++) {
      const found = parseOne(parts[i] ?? '', region);
      if (found) return { ...found, ignored: parts.filter((_, j) => j !== i) };
    }
  }
  return {
    ok: false,
    code: 'invalid_phone',
    reason: `"${value}" is not a valid phone number (mobiles have 11 digits; landlines need their area code, e.g. 021-62345678)`,
  };
}

export function phoneKey(stored: string, region: CountryCode = 'CN'): string | null {
  const result = cleanPhone(stored, region);
  return result.ok ? result.phone : null;
}

function parseOne(value: string, region: CountryCode): Extract<PhoneResult, { ok: true }> | null {
  const whole = validNumber(value, region);
  if (whole) return toResult(whole, whole.ext ?? null);
  const withExtension = EXTENSION.exec(value);
  if (withExtension) {
    const base = validNumber(withExtension[1] ?? '', region);
    // Only landlines have extensions; a mobile followed by digits is a typo, not an extension.
    if (base && base.getType() !== 'MOBILE') return toResult(base, withExtension[2] ?? null);
  }
  return null;
}

function validNumber(value: string, region: CountryCode): PhoneNumber | null {
  if (!/\d/.test(value)) return null;
  const parsed = parsePhoneNumberFromString(value, region);
  return parsed?.isValid() ? parsed : null;
}

function toResult(number: PhoneNumber, extension: string | null): Extract<PhoneResult, { ok: true }> {
  const type = number.getType();
  const kind: PhoneKind = type === 'MOBILE' ? 'mobile' : type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE' ? 'fixed_line' : 'other';
  let phone: string = number.number;
  if (number.country === 'CN') {
    // Landlines are dialled with the trunk 0 and the area code; mobiles and 400/800 numbers without.
    phone = kind === 'fixed_line' ? `0${number.nationalNumber}` : number.nationalNumber;
  }
  return { ok: true, phone, e164: number.number, kind, extension: extension && extension !== '' ? extension : null, ignored: [] };
}
