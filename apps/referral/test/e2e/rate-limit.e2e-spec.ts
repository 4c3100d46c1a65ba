import {
  post,
  referralBody,
  startReferral,
  tokens,
  type ReferralService,
} from '../support/referral-service.js';

describe('intake rate limit', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => svc?.close());

  it('limits each client to its share of intake with 429 and Retry-After, other clients unaffected', async () => {
    // Its own subject: the counters are shared by every instance (and test file) on the database.
    const greedy = await tokens.agency('MNS', `greedy-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await post(svc, '/v1/referrals', greedy, referralBody())).status);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const refused = await fetch(`${svc.url}/v1/referrals`, {
      method: 'POST',
      headers: { ...greedy, 'content-type': 'application/json' },
      body: JSON.stringify(referralBody()),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await post(svc, '/v1/referrals', await tokens.agency('MCT'), referralBody())).status).toBe(201);
  });
});
