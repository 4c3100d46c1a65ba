import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.js';

describe(SecretBox.name, () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('round-trips a value and never stores it in clear', () => {
    const sealed = box.encrypt('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
    expect(sealed).not.toContain('whsec_');
    expect(box.decrypt(sealed)).toBe('whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
  });

  it('uses a fresh IV for every encryption', () => {
    expect(box.encrypt('a@example.org')).not.toBe(box.encrypt('a@example.org'));
  });

  it('refuses a tampered value', () => {
    const [v, iv, tag, ct] = box.encrypt('duty@mia.gov.az').split(':');
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] = flipped[0] ^ 1;
    expect(() => box.decrypt([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
  });

  it('refuses a value sealed under another key', () => {
    const other = new SecretBox(randomBytes(32).toString('base64'));
    expect(() => other.decrypt(box.encrypt('x'))).toThrow();
  });

  it('gives a stable blind index that differs per key', () => {
    const other = new SecretBox(randomBytes(32).toString('base64'));
    expect(box.blindIndex('a@b.az')).toBe(box.blindIndex('a@b.az'));
    expect(box.blindIndex('a@b.az')).not.toBe(other.blindIndex('a@b.az'));
  });
});
