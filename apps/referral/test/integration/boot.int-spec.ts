import { startReferral, type ReferralService } from '../support/referral-service.js';

describe('referral service boot', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(() => svc?.close());

  it('is ready once migrated and connected', async () => {
    const res = await fetch(`${svc.url}/health/ready`);
    expect(res.status).toBe(200);
  });

  it('documents its API at /docs-json', async () => {
    const res = await fetch(`${svc.url}/docs-json`);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/referrals', '/v1/duty-roster', '/v1/organisations']));
  });
});
