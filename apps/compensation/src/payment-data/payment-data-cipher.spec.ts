import { createCipheriv, randomBytes } from 'node:crypto';
import { PaymentDataCipher } from './payment-data-cipher.js';
import { parseKeyRing } from '#shared';

const key = () => randomBytes(32).toString('base64');

describe(PaymentDataCipher.name, () => {
  const ring = `k0:${key()},k1:${key()}`;

  it('R-1.3.2 encrypts payment data so the stored value does not show it, and decrypts it back', () => {
    const c = new PaymentDataCipher(ring, 'k1');
    const stored = c.encrypt('AZ21NABZ00000000137010001944', 'row-1', 'iban');
    expect(stored).not.toContain('AZ21');
    expect(stored.startsWith('v1.k1.')).toBe(true);
    expect(c.decrypt(stored, 'row-1', 'iban')).toBe('AZ21NABZ00000000137010001944');
  });

  it('binds a value to its row and field: moved elsewhere it does not decrypt', () => {
    const c = new PaymentDataCipher(ring, 'k1');
    const stored = c.encrypt('Aysel', 'row-1', 'beneficiary_name');
    expect(() => c.decrypt(stored, 'row-2', 'beneficiary_name')).toThrow();
    expect(() => c.decrypt(stored, 'row-1', 'iban')).toThrow();
  });

  it('reads values written under an older key after rotation', () => {
    const old = new PaymentDataCipher(ring, 'k0');
    const stored = old.encrypt('Aysel', 'row-1', 'beneficiary_name');
    const rotated = new PaymentDataCipher(ring, 'k1');
    expect(rotated.decrypt(stored, 'row-1', 'beneficiary_name')).toBe('Aysel');
    expect(PaymentDataCipher.keyIdOf(rotated.encrypt('x', 'r', 'iban'))).toBe('k1');
  });

  it('refuses a tampered value', () => {
    const c = new PaymentDataCipher(ring, 'k1');
    const parts = c.encrypt('Aysel', 'row-1', 'beneficiary_name').split('.');
    parts[4] = Buffer.from('Bysel').toString('base64url');
    expect(() => c.decrypt(parts.join('.'), 'row-1', 'beneficiary_name')).toThrow();
  });

  it('refuses bad key rings without showing key material', () => {
    const secret = randomBytes(16).toString('base64');
    expect(() => parseKeyRing(`k1:${secret}`)).toThrow(/32 bytes/);
    try {
      parseKeyRing(`k1:${secret}`);
    } catch (err) {
      expect((err as Error).message).not.toContain(secret);
    }
    expect(() => parseKeyRing('')).toThrow();
    expect(() => parseKeyRing(`k1:${key()},k1:${key()}`)).toThrow(/twice/);
    expect(() => new PaymentDataCipher(`k1:${key()}`, 'k2')).toThrow(/not in the key ring/);
  });

  it('R-1.3.2 still reads the values stored before the shared cipher (the same v1.<kid>. form and context)', () => {
    const k0 = randomBytes(32);
    const iv = randomBytes(12);
    const old = createCipheriv('aes-256-gcm', k0, iv);
    old.setAAD(Buffer.from('compensation.payouts:row-1:iban', 'utf8'));
    const ct = Buffer.concat([old.update('AZ21NABZ00000000137010001944', 'utf8'), old.final()]);
    const stored = [
      'v1',
      'k0',
      iv.toString('base64url'),
      old.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.');
    const c = new PaymentDataCipher(`k0:${k0.toString('base64')},k1:${key()}`, 'k1');
    expect(c.decrypt(stored, 'row-1', 'iban')).toBe('AZ21NABZ00000000137010001944');
  });
});
