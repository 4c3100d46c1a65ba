import { randomBytes } from 'node:crypto';
import { parseKeyRing } from '#shared';
import { SecretBox } from './secret-box.js';

const key = () => randomBytes(32).toString('base64');

describe(SecretBox.name, () => {
  const k1 = key();
  const box = new SecretBox(`k1:${k1}`, 'k1');

  it('round-trips a value and never stores it in clear', () => {
    const sealed = box.encrypt('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
    expect(sealed).not.toContain('whsec_');
    expect(box.decrypt(sealed)).toBe('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
  });

  it('uses a fresh IV for every encryption', () => {
    expect(box.encrypt('a@example.org')).not.toBe(box.encrypt('a@example.org'));
  });

  it('refuses a tampered value', () => {
    const [v, kid, iv, tag, ct] = box.encrypt('duty@mia.gov.az').split(':');
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] = flipped[0] ^ 1;
    expect(() => box.decrypt([v, kid, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
  });

  it('refuses a value sealed under a key that is not in its ring', () => {
    const other = new SecretBox(`k9:${key()}`, 'k9');
    expect(() => other.decrypt(box.encrypt('x'))).toThrow();
  });

  it('still reads values sealed under an older key after a rotation', () => {
    const rotated = new SecretBox(`k1:${k1},k2:${key()}`, 'k2');
    const old = box.encrypt('duty@mia.gov.az');
    expect(rotated.decrypt(old)).toBe('duty@mia.gov.az');
    expect(rotated.encrypt('x').split(':')[1]).toBe('k2');
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
