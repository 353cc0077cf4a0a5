/**
 * Text cleaning for what Chinese spreadsheet exports really contain: full-width ASCII typed with
 * a Chinese input method (１３８, ＡＢＣ, （）, ，), ideographic and non-breaking spaces, zero-width
 * characters, and Excel's ="..." trick for keeping leading zeros in CSV.
 *
 * Public API:
 *   toHalfWidth(s)       U+FF01..U+FF5E -> U+0021..U+007E, U+3000 (ideographic space) -> ' '
 *   cleanText(s)         toHalfWidth, odd spaces to ' ', zero-width removed, runs of space collapsed, trimmed
 *   cleanCode(s)         cleanText, then no spaces at all and every dash-like character as '-' (ids, serials)
 *   normalizeDashes(s)   ‐ ‑ ‒ – — ― − ﹘ ﹣ -> '-'
 *
 * Why not String.prototype.normalize('NFKC'): on the full-width block it does the same as
 * toHalfWidth (，-> , （）-> () ：-> : ～ -> ~), and it leaves 。、“”《》【】 alone as we do, but
 * it also rewrites things that are data in a name or an address: ① -> 1, ㈱ -> (株), ㎡ -> m2,
 * ½ -> 1⁄2, half-width katakana, and CJK compatibility ideographs (U+F900..U+FAFF) that some
 * people's names are written with. So only the full-width ASCII block and U+3000 are mapped.
 */

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_TO_HALF = 0xfee0;

// eslint-disable-next-line no-control-regex -- the control characters are the point
const ODD_SPACES = /[\u0009\u000a\u000b\u000c\u000d\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63]/g;
const FULL_WIDTH_OR_IDEOGRAPHIC_SPACE = /[\uff01-\uff5e\u3000]/g;

export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH_OR_IDEOGRAPHIC_SPACE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x3000) return ' ';
    return code >= FULL_WIDTH_START && code <= FULL_WIDTH_END ? String.fromCharCode(code - FULL_TO_HALF) : ch;
  });
}

export function normalizeDashes(text: string): string {
  return text.replace(DASHES, '-');
}

/** Printable ASCII, trimmed, no double spaces, no ="...": already clean (most cells of most files). */
const ALREADY_CLEAN = /^(?:[!-~]|[!-~][ -~]*[!-~])$/;

export function cleanText(text: string): string {
  if (ALREADY_CLEAN.test(text) && !text.includes('  ') && !text.startsWith('="')) return text;
  const half = toHalfWidth(text).replace(ZERO_WIDTH, '').replace(ODD_SPACES, ' ');
  const trimmed = half.replace(/ {2,}/g, ' ').trim();
  // Excel writes ="00123" into CSV to keep a value as text; the user meant 00123.
  const excelText = /^="([^"]*)"$/.exec(trimmed);
  return excelText ? (excelText[1] ?? '').trim() : trimmed;
}

export function cleanCode(text: string): string {
  return normalizeDashes(cleanText(text)).replace(/ /g, '');
}
