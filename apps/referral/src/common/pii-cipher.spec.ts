import { randomBytes } from 'node:crypto';
import { parseKeyRing } from '#shared';
import { PiiCipher } from './pii-cipher.js';

const ring = `k1:${randomBytes(32).toString('base64')},k2:${randomBytes(32).toString('base64')}`;

describe(PiiCipher.name, () => {
  it('R-1.3.2 encrypts with the active key and a fresh IV, and decrypts', () => {
    const cipher = new PiiCipher(parseKeyRing(ring), 'k2');
    const a = cipher.encrypt('Aysel', 'row-1', 'givenName');
    const b = cipher.encrypt('Aysel', 'row-1', 'givenName');
    expect(a).toMatch(/^k2:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Aysel');
    expect(cipher.decrypt(a, 'row-1', 'givenName')).toBe('Aysel');
  });

  it('R-1.3.2 reads values written with an older key after rotation', () => {
    const old = new PiiCipher(parseKeyRing(ring), 'k1');
    const stored = old.encrypt('1999-01-02', 'row-1', 'dateOfBirth');
    const rotated = new PiiCipher(parseKeyRing(ring), 'k2');
    expect(rotated.decrypt(stored, 'row-1', 'dateOfBirth')).toBe('1999-01-02');
  });

  it('R-1.3.2 refuses a ciphertext moved to another row or field, or tampered with', () => {
    const cipher = new PiiCipher(parseKeyRing(ring), 'k2');
    const stored = cipher.encrypt('Aysel', 'row-1', 'givenName');
    expect(() => cipher.decrypt(stored, 'row-2', 'givenName')).toThrow();
    expect(() => cipher.decrypt(stored, 'row-1', 'familyName')).toThrow();
    const parts = stored.split(':');
    const ct = Buffer.from(parts[3], 'base64');
    ct[0] = ct[0] ^ 1;
    expect(() =>
      cipher.decrypt([parts[0], parts[1], parts[2], ct.toString('base64')].join(':'), 'row-1', 'givenName'),
    ).toThrow();
  });

  it('refuses an unknown key id and a ring with short keys', () => {
    const cipher = new PiiCipher(parseKeyRing(ring), 'k2');
    const stored = cipher.encrypt('x', 'row-1', 'contact').replace(/^k2:/, 'k9:');
    expect(() => cipher.decrypt(stored, 'row-1', 'contact')).toThrow(/unknown key id/);
    expect(() => parseKeyRing(`k1:${randomBytes(16).toString('base64')}`)).toThrow();
    expect(() => new PiiCipher(parseKeyRing(ring), 'k3')).toThrow();
  });
});
