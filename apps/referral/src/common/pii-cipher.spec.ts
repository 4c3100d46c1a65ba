import { createCipheriv, randomBytes } from 'node:crypto';
import { parseKeyRing } from '#shared';
import { PiiCipher } from './pii-cipher.js';
import { DATA_KEY_ID } from './victim-sealer.js';

/** How this service sealed a field before the shared cipher: `kid:iv:tag:ct`, base64, AAD = row + field. */
function sealedTheOldWay(key: Buffer, kid: string, plain: string, rowId: string, field: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(`nrm.referral.victims:${rowId}:${field}`, 'utf8'));
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return [kid, iv.toString('base64'), c.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

const ring = `k1:${randomBytes(32).toString('base64')},k2:${randomBytes(32).toString('base64')}`;

describe(PiiCipher.name, () => {
  it('R-1.3.2 encrypts with the active key and a fresh IV, and decrypts', () => {
    const cipher = new PiiCipher(parseKeyRing(ring), 'k2');
    const a = cipher.encrypt('Aysel', 'row-1', 'givenName');
    const b = cipher.encrypt('Aysel', 'row-1', 'givenName');
    expect(a).toMatch(/^v1\.k2\./);
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
    const parts = stored.split('.');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] = ct[0] ^ 1;
    expect(() =>
      cipher.decrypt([...parts.slice(0, 4), ct.toString('base64url')].join('.'), 'row-1', 'givenName'),
    ).toThrow();
  });

  it('refuses an unknown key id and a ring with short keys', () => {
    const cipher = new PiiCipher(parseKeyRing(ring), 'k2');
    const stored = cipher.encrypt('x', 'row-1', 'contact').replace(/^v1\.k2\./, 'v1.k9.');
    expect(() => cipher.decrypt(stored, 'row-1', 'contact')).toThrow(/key k9, which is not in the key ring/);
    expect(() => parseKeyRing(`k1:${randomBytes(16).toString('base64')}`)).toThrow();
    expect(() => new PiiCipher(parseKeyRing(ring), 'k3')).toThrow();
  });

  it('R-1.3.2 still reads the fields stored before the shared cipher, under the ring (kid:…) and under a data key (@dek:…)', () => {
    const keys = parseKeyRing(ring);
    const cipher = new PiiCipher(keys, 'k2');
    expect(
      cipher.decrypt(sealedTheOldWay(keys.get('k1')!, 'k1', 'Aysel', 'v-1', 'givenName'), 'v-1', 'givenName'),
    ).toBe('Aysel');
    expect(() =>
      cipher.decrypt(sealedTheOldWay(keys.get('k1')!, 'k1', 'Aysel', 'v-1', 'givenName'), 'v-2', 'givenName'),
    ).toThrow();

    const { sealer, wrapped } = cipher.newDataKey('v-1');
    const dataKey = Buffer.from(cipher.decrypt(wrapped, 'v-1', 'dataKey'), 'base64');
    const old = sealedTheOldWay(dataKey, DATA_KEY_ID, 'Mammadova', 'v-1', 'familyName');
    expect(old.startsWith('@dek:')).toBe(true);
    expect(cipher.forVictim('v-1', wrapped).decrypt(old, 'familyName')).toBe('Mammadova');
    // New values go in the one current form, under the victim's own key.
    expect(sealer.encrypt('Mammadova', 'familyName')).toMatch(/^v1\.@dek\./);
    // A value of the ring opens through the victim's sealer too (rows not yet re-keyed).
    expect(sealer.decrypt(cipher.encrypt('Baku', 'v-1', 'contact'), 'contact')).toBe('Baku');
  });

  it('R-1.3.2 a victim whose data key is destroyed can no longer be read', () => {
    const cipher = new PiiCipher(parseKeyRing(ring), 'k2');
    const { sealer } = cipher.newDataKey('v-1');
    const stored = sealer.encrypt('Aysel', 'givenName');
    expect(() => cipher.forVictim('v-1', null).decrypt(stored, 'givenName')).toThrow(/data key is gone/);
  });
});
