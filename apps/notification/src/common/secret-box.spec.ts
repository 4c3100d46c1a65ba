import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { parseKeyRing } from '#shared';
import { SecretBox } from './secret-box.js';

const key = () => randomBytes(32).toString('base64');

/** How this service sealed a value before the shared cipher: `v1:kid:iv:tag:ct`, base64, AAD = kid. */
function sealedTheOldWay(masterB64: string, kid: string, plain: string): string {
  const enc = Buffer.from(
    hkdfSync('sha256', Buffer.from(masterB64, 'base64'), Buffer.alloc(0), 'nrm.notification.enc', 32),
  );
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', enc, iv);
  c.setAAD(Buffer.from(kid));
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', kid, iv.toString('base64'), c.getAuthTag().toString('base64'), ct.toString('base64')].join(
    ':',
  );
}

describe(SecretBox.name, () => {
  const k1 = key();
  const box = new SecretBox(`k1:${k1}`, 'k1');

  it('round-trips a value and never stores it in clear', () => {
    const sealed = box.encrypt('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=', 'r-1', 'secret');
    expect(sealed).not.toContain('whsec_');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(box.decrypt(sealed, 'r-1', 'secret')).toBe('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
  });

  it('uses a fresh IV for every encryption', () => {
    expect(box.encrypt('a@example.org', 'r-1', 'address')).not.toBe(
      box.encrypt('a@example.org', 'r-1', 'address'),
    );
  });

  it('refuses a tampered value, and one moved to another recipient or field', () => {
    const sealed = box.encrypt('duty@mia.gov.az', 'r-1', 'address');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] = flipped[0] ^ 1;
    expect(() =>
      box.decrypt([...parts.slice(0, 4), flipped.toString('base64url')].join('.'), 'r-1', 'address'),
    ).toThrow();
    expect(() => box.decrypt(sealed, 'r-2', 'address')).toThrow();
    expect(() => box.decrypt(sealed, 'r-1', 'secret')).toThrow();
  });

  it('refuses a value sealed under a key that is not in its ring', () => {
    const other = new SecretBox(`k9:${key()}`, 'k9');
    expect(() => other.decrypt(box.encrypt('x', 'r-1', 'address'), 'r-1', 'address')).toThrow();
  });

  it('still reads values sealed under an older key after a rotation', () => {
    const rotated = new SecretBox(`k1:${k1},k2:${key()}`, 'k2');
    const old = box.encrypt('duty@mia.gov.az', 'r-1', 'address');
    expect(rotated.decrypt(old, 'r-1', 'address')).toBe('duty@mia.gov.az');
    expect(rotated.encrypt('x', 'r-1', 'address').split('.')[1]).toBe('k2');
  });

  it('still reads the values stored before the shared cipher (v1:kid:…, bound to the key id)', () => {
    const rotated = new SecretBox(`k1:${k1},k2:${key()}`, 'k2');
    const stored = sealedTheOldWay(k1, 'k1', 'https://hooks.example.org/nrm');
    expect(box.decrypt(stored, 'r-1', 'address')).toBe('https://hooks.example.org/nrm');
    expect(rotated.decrypt(stored, 'r-7', 'secret')).toBe('https://hooks.example.org/nrm');
  });

  it('gives a stable blind index that differs per key', () => {
    const other = new SecretBox(`k1:${key()}`, 'k1');
    expect(box.blindIndex('a@b.az')).toBe(box.blindIndex('a@b.az'));
    expect(box.blindIndex('a@b.az')).not.toBe(other.blindIndex('a@b.az'));
  });

  it('refuses malformed key rings without showing a key', () => {
    expect(() => parseKeyRing('')).toThrow('key ring is empty');
    expect(() => parseKeyRing('k1:c2hvcnQ=')).toThrow('key k1 must be 32 bytes');
    expect(() => parseKeyRing(`:${key()}`)).toThrow('kid:base64key');
    expect(() => parseKeyRing(`a:${k1},a:${k1}`)).toThrow('listed twice');
  });
});
