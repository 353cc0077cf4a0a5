import { describe, expect, it } from 'vitest';
import { maskPhone, phoneTail } from '../../src/shared/domain/phone';

describe('phone masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['021-62345678', '021****5678'],
    ['12345', '***45'],
    ['12', '**'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('keeps the last four digits for search', () => {
    expect(phoneTail('+86 138 1234 5678')).toBe('5678');
  });
});
