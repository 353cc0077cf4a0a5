import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCode, cleanText, toHalfWidth } from '../../../src/shared/import/clean-text';

const fullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const printableAscii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
const fullWidthBlock = fc.string({ unit: fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCharCode(c)) });

describe('full-width to half-width', () => {
  it('maps digits, letters and ASCII punctuation typed with a Chinese input method', () => {
    expect(toHalfWidth('１３８－１２３４－５６７８')).toBe('138-1234-5678');
    expect(toHalfWidth('ＳＮ：ＡＢ１２３（新）')).toBe('SN:AB123(新)');
    expect(toHalfWidth('张三\u3000先生')).toBe('张三 先生');
  });

  it('leaves Chinese punctuation and other compatibility characters alone (unlike NFKC)', () => {
    expect(toHalfWidth('上海、北京。“好”《说明》【注】')).toBe('上海、北京。“好”《说明》【注】');
    expect(toHalfWidth('①号楼 ㎡ ㈱')).toBe('①号楼 ㎡ ㈱');
    expect('①号楼 ㎡'.normalize('NFKC')).not.toBe('①号楼 ㎡');
  });

  it('round-trips every printable ASCII string through its full-width form', () => {
    fc.assert(fc.property(printableAscii, (s) => toHalfWidth(fullWidth(s)) === s));
  });

  it('agrees with NFKC on the whole full-width ASCII block', () => {
    fc.assert(fc.property(fullWidthBlock, (s) => toHalfWidth(s) === s.normalize('NFKC')));
  });

  it('leaves no full-width ASCII or ideographic space behind, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = toHalfWidth(s);
        return !/[\uff01-\uff5e\u3000]/.test(once) && toHalfWidth(once) === once;
      }),
    );
  });

  it('does not change strings without full-width characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        fc.pre(!/[\uff01-\uff5e\u3000]/.test(s));
        return toHalfWidth(s) === s;
      }),
    );
  });
});

describe('cell text cleaning', () => {
  it('trims, collapses odd spaces, drops zero-width characters and unwraps ="..."', () => {
    expect(cleanText('  张\u00a0三\u200b \t')).toBe('张 三');
    expect(cleanText('="00123"')).toBe('00123');
    expect(cleanText('\ufeff客户名称')).toBe('客户名称');
  });

  it('makes identifiers compact with plain dashes', () => {
    expect(cleanCode(' ＳＮ ２０２６—０１ ')).toBe('SN2026-01');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => cleanText(cleanText(s)) === cleanText(s)));
  });
});
