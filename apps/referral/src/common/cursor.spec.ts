import { decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursor', () => {
  it('round-trips and refuses what it did not issue', () => {
    const k = { createdAt: '2026-11-25T10:00:00.123Z', id: '0b1f7f5e-8d0a-4d9e-9f3c-2f0f6c7b1a22' };
    expect(decodeCursor(encodeCursor(k))).toEqual(k);
    expect(decodeCursor('garbage')).toBeUndefined();
    expect(decodeCursor(Buffer.from('["x","y"]').toString('base64url'))).toBeUndefined();
  });
});
