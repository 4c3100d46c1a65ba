import { get, report, startReferral, tokens, type ReferralService } from '../support/referral-service.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

describe('keyset cursors of GET /v1/referrals', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(() => svc?.close());

  it('R-1.3.2 answers a crafted cursor (right shape, parts of the wrong type) with 400 validation-failed naming cursor, never a 500', async () => {
    const headers = await tokens.duty();
    for (const cursor of [
      b64('["2026-01-01T00:00:00Z","------------------------------------"]'),
      b64('["2026-01-01T00:00:00Z","zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]'),
      b64('["+275760-09-13T00:00:00.000Z","9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f"]'),
      b64('["2026-02-31T00:00:00.000Z","9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f"]'),
      b64('[["2026-01-01T00:00:00Z"],"9b2f4d57-1c1e-4f7e-9d7c-2a1c3b4d5e6f"]'),
    ]) {
      const res = await get(svc, `/v1/referrals?cursor=${cursor}`, headers);
      expect({ cursor, status: res.status, type: res.body.type }).toEqual({
        cursor,
        status: 400,
        type: 'validation-failed',
      });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'cursor' })]));
    }
  });

  it('still pages with the cursors it issues', async () => {
    const headers = await tokens.duty();
    await report(svc, 'MOH');
    await report(svc, 'MOH');
    const first = await get(svc, '/v1/referrals?limit=1', headers);
    expect(first.status).toBe(200);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await get(svc, `/v1/referrals?limit=1&cursor=${first.body.nextCursor}`, headers);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});
