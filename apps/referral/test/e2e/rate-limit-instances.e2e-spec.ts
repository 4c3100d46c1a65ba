import { randomUUID } from 'node:crypto';
import {
  auth,
  post,
  referralBody,
  startReferral,
  type ReferralService,
} from '../support/referral-service.js';

describe('intake rate limit across instances', () => {
  let a: ReferralService;
  let b: ReferralService;
  beforeAll(async () => {
    // Two instances of the service on the same database, as behind a load balancer.
    [a, b] = await Promise.all([
      startReferral({ RATE_LIMIT_PER_MINUTE: '4' }),
      startReferral({ RATE_LIMIT_PER_MINUTE: '4' }),
    ]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('holds across two instances: a client alternating between them gets the limit once, not twice', async () => {
    const client = await auth('agency_officer', 'MNS', `officer-${randomUUID()}`);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await post(i % 2 ? b : a, '/v1/referrals', client, referralBody())).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
    // Another client still has its own share, on either instance.
    const other = await auth('agency_officer', 'MNS', `officer-${randomUUID()}`);
    expect((await post(b, '/v1/referrals', other, referralBody())).status).toBe(201);
  });
});
