import { decodePageCursor, encodePageCursor } from './paging.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const ID = '9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f';

describe('page cursors', () => {
  it('round-trips what the services issue, in both encodings', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    expect(decodePageCursor(encodePageCursor(at, ID))).toEqual({ at: at.toISOString(), atDate: at, id: ID });
    expect(decodePageCursor(b64(`${at.toISOString()}|${ID}`))?.id).toBe(ID);
  });

  it('refuses parts of the wrong type', () => {
    for (const text of [
      '["2026-01-01T00:00:00Z","------------------------------------"]',
      `["2026-13-01T00:00:00Z","${ID}"]`,
      `["2026-02-30T00:00:00Z","${ID}"]`,
      `["+275760-09-13T00:00:00Z","${ID}"]`,
      `["1","${ID}"]`,
      `[1,"${ID}"]`,
      `["2026-01-01T00:00:00Z","${ID}","x"]`,
      `2026-01-01T00:00:00.000Z|${ID}|x`,
      '2026-01-01T00:00:00.000Z|------------------------------------',
      '{"at":1}',
    ]) {
      expect({ text, decoded: decodePageCursor(b64(text)) }).toEqual({ text, decoded: undefined });
    }
    expect(decodePageCursor('not base64!')).toBeUndefined();
  });
});
