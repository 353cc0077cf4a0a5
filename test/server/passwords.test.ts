import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDummyPassword, verifyPassword } from '../../src/server/auth/passwords';

describe('passwords', () => {
  it('stores scrypt with its parameters and a 16-byte salt, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('accepts a password typed with composed or decomposed accents alike', async () => {
    const stored = await hashPassword('caf\u00e9-2026');
    expect(await verifyPassword('cafe\u0301-2026', stored)).toBe(true);
  });

  it('treats a damaged stored hash as a wrong password instead of failing', async () => {
    for (const broken of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$x$8$1$AAAA$AAAA', 'scrypt$32768$8$1$$', 'scrypt$1099511627776$8$1$AAAA$AAAA']) {
      expect(await verifyPassword('anything', broken)).toBe(false);
    }
  });

  it('spends a real verification on unknown users and always refuses', async () => {
    expect(await verifyDummyPassword('whatever')).toBe(false);
  });
});
