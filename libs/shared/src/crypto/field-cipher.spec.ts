import { createCipheriv, randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher.js';

const ring = new Map([
  ['k1', randomBytes(32)],
  ['k2', randomBytes(32)],
]);

/** How referral sealed victims' fields before the shared cipher: `kid:iv:tag:ct`, base64, AAD = context. */
function legacyKidColon(key: Buffer, kid: string, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return [kid, iv.toString('base64'), c.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

/** How notification sealed recipients' addresses before: `v1:kid:iv:tag:ct`, base64, AAD = kid. */
function legacyV1Colon(key: Buffer, kid: string, plaintext: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(kid));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', kid, iv.toString('base64'), c.getAuthTag().toString('base64'), ct.toString('base64')].join(
    ':',
  );
}

describe(FieldCipher.name, () => {
  const cipher = new FieldCipher(ring, 'k2');

  it('seals under the active key with a fresh IV in the one current form, and opens', () => {
    const a = cipher.seal('Aysel', 'svc.table:row-1:name');
    const b = cipher.seal('Aysel', 'svc.table:row-1:name');
    expect(a).toMatch(/^v1\.k2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Aysel');
    expect(cipher.open(a, 'svc.table:row-1:name')).toBe('Aysel');
    expect(cipher.open(cipher.seal('', 'c'), 'c')).toBe('');
  });

  it('refuses a value moved to another context, tampered with, or with a truncated tag', () => {
    const stored = cipher.seal('AZ21NABZ00000000137010001944', 'p:row-1:iban');
    expect(() => cipher.open(stored, 'p:row-2:iban')).toThrow();
    expect(() => cipher.open(stored, 'p:row-1:name')).toThrow();
    const parts = stored.split('.');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] = ct[0] ^ 1;
    expect(() =>
      cipher.open([...parts.slice(0, 4), ct.toString('base64url')].join('.'), 'p:row-1:iban'),
    ).toThrow();
    const shortTag = Buffer.from(parts[3], 'base64url').subarray(0, 4).toString('base64url');
    expect(() =>
      cipher.open([parts[0], parts[1], parts[2], shortTag, parts[4]].join('.'), 'p:row-1:iban'),
    ).toThrow();
  });

  it('opens values of a rotated-out key while it is listed, and names an unknown key without key material', () => {
    const old = new FieldCipher(ring, 'k1').seal('x', 'c');
    expect(cipher.open(old, 'c')).toBe('x');
    expect(FieldCipher.keyIdOf(old)).toBe('k1');
    expect(cipher.isCurrent(old)).toBe(false);
    expect(cipher.isCurrent(cipher.seal('x', 'c'))).toBe(true);
    const other = new FieldCipher(new Map([['k9', randomBytes(32)]]), 'k9');
    expect(() => cipher.open(other.seal('x', 'c'), 'c')).toThrow(/key k9, which is not in the key ring/);
  });

  it('refuses an active key that is not in the ring, keys that are not 32 bytes, and unknown forms', () => {
    expect(() => new FieldCipher(ring, 'k3')).toThrow(/not in the key ring/);
    expect(() => new FieldCipher(new Map([['k1', randomBytes(16)]]), 'k1')).toThrow(/32 bytes/);
    expect(() => cipher.open('plaintext', 'c')).toThrow(/unknown format/);
    expect(() => cipher.open('v2.k2.a.b.c', 'c')).toThrow(/unknown format/);
  });

  it("still opens referral's former form (kid:iv:tag:ct, bound to the context) when told to, and re-seals it in the current form", () => {
    const withLegacy = new FieldCipher(ring, 'k2', { legacy: ['kid-colon'] });
    const old = legacyKidColon(ring.get('k1')!, 'k1', '1999-01-02', 'nrm.referral.victims:row-1:dateOfBirth');
    expect(withLegacy.open(old, 'nrm.referral.victims:row-1:dateOfBirth')).toBe('1999-01-02');
    expect(() => withLegacy.open(old, 'nrm.referral.victims:row-2:dateOfBirth')).toThrow();
    expect(FieldCipher.keyIdOf(old)).toBe('k1');
    expect(withLegacy.isCurrent(old)).toBe(false);
    expect(withLegacy.seal('1999-01-02', 'c')).toMatch(/^v1\.k2\./);
    expect(() => cipher.open(old, 'nrm.referral.victims:row-1:dateOfBirth')).toThrow(/unknown format/);
  });

  it("still opens notification's former form (v1:kid:iv:tag:ct, bound to the key id) when told to", () => {
    const withLegacy = new FieldCipher(ring, 'k2', { legacy: ['v1-colon-kid'] });
    const old = legacyV1Colon(ring.get('k2')!, 'k2', 'duty@mia.gov.az');
    expect(withLegacy.open(old, 'anything')).toBe('duty@mia.gov.az');
    expect(FieldCipher.keyIdOf(old)).toBe('k2');
    expect(withLegacy.isCurrent(old)).toBe(false);
    expect(() => cipher.open(old, 'anything')).toThrow(/unknown format/);
  });
});
