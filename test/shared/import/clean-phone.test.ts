import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { cleanPhone, phoneKey } from '../../../src/shared/import/clean-phone';

describe('phone numbers from CRM exports', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    ['138 1234 5678', '13812345678', 'mobile'],
    ['138-1234-5678', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['+86-13812345678', '13812345678', 'mobile'],
    ['0086 13812345678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['(+86) 138.1234.5678', '13812345678', 'mobile'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
    ['＋８６\u3000１３８－１２３４－５６７８', '13812345678', 'mobile'],
    ['="13812345678"', '13812345678', 'mobile'],
    ['021-62345678', '02162345678', 'fixed_line'],
    ['(021) 6234 5678', '02162345678', 'fixed_line'],
    ['+86 (0)21 6234 5678', '02162345678', 'fixed_line'],
    ['0755-12345678', '075512345678', 'fixed_line'],
    ['010 8888 8888', '01088888888', 'fixed_line'],
    ['+852 9123 4567', '+85291234567', 'mobile'],
  ])('%s -> %s (%s)', (input, phone, kind) => {
    const result = cleanPhone(input);
    expect(result).toMatchObject({ ok: true, phone, kind, extension: null, ignored: [] });
  });

  it('gives E.164 alongside the stored form', () => {
    expect(cleanPhone('021-62345678')).toMatchObject({ ok: true, e164: '+862162345678' });
  });

  it.each([
    ['021-62345678 转 801', '801'],
    ['021-62345678-801', '801'],
    ['021-62345678 ext. 8012', '8012'],
    ['(021)62345678分机12', '12'],
  ])('splits the extension off %s', (input, extension) => {
    expect(cleanPhone(input)).toMatchObject({ ok: true, phone: '02162345678', extension });
  });

  it('takes the first valid number of several and names the others', () => {
    expect(cleanPhone('13812345678/13987654321')).toMatchObject({ ok: true, phone: '13812345678', ignored: ['13987654321'] });
    expect(cleanPhone('1381234567，13987654321')).toMatchObject({ ok: true, phone: '13987654321', ignored: ['1381234567'] });
    expect(cleanPhone('13812345678 或 13987654321')).toMatchObject({ ok: true, phone: '13812345678', ignored: ['13987654321'] });
    expect(cleanPhone('13812345678（本人）')).toMatchObject({ ok: true, phone: '13812345678', ignored: [] });
    expect(cleanPhone('021-62345678、13812345678')).toMatchObject({ ok: true, phone: '02162345678', ignored: ['13812345678'] });
  });

  it.each([
    ['62345678', 'invalid_phone'],
    ['1381234567', 'invalid_phone'],
    ['138123456789', 'invalid_phone'],
    ['12345', 'invalid_phone'],
    ['无', 'invalid_phone'],
    ['1.38123E+10', 'scientific_notation'],
    ['1.38123456780e+10', 'scientific_notation'],
  ])('refuses %s (%s)', (input, code) => {
    const result = cleanPhone(input);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.reason).toContain(input.startsWith('1.') ? 'scientific notation' : 'not a valid phone number');
  });

  it('normalises stored numbers for matching', () => {
    expect(phoneKey('+8613812345678')).toBe('13812345678');
    expect(phoneKey('138-1234-5678')).toBe('13812345678');
    expect(phoneKey('not a number')).toBeNull();
  });
});

describe('the fast path for bare mainland mobiles', () => {
  it('agrees with the full libphonenumber path on every 11-digit number starting with 1 (property)', () => {
    const kindOf = (type: string | undefined) => (type === 'MOBILE' ? 'mobile' : type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE' ? 'fixed_line' : 'other');
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), fc.constantFrom('', '+86', '0086', '86', '+86 '), (digits, prefix) => {
        const parsed = parsePhoneNumberFromString(`${prefix}${digits}`, 'CN');
        const result = cleanPhone(`${prefix}${digits}`);
        if (!parsed?.isValid()) return !result.ok;
        return result.ok && result.kind === kindOf(parsed.getType()) && result.e164 === parsed.number && result.phone === digits;
      }),
      { numRuns: 5000 },
    );
  });
});
