import { EventTap, testEnv } from '#shared/testing';
import {
  post,
  referralBody,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

describe('referral.reported version 2 (categories for the annual report)', () => {
  let svc: ReferralService;
  let tap: EventTap;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl, 'referral.reported');
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  it('R-2.4 carries the forms of exploitation, the citizenship and the reporting body kind, as codes only', async () => {
    const body = referralBody({ exploitation: ['sexual', 'domestic_servitude'] }, { citizenship: 'NP' });
    const res = await post(svc, '/v1/referrals', await tokens.agency('MOE'), body);
    expect(res.status).toBe(201);
    const event = await tap.waitFor<Json>('referral.reported', (d) => d.referralId === res.body.id);
    expect(event.version).toBe(2);
    const person = body.person as Json;
    expect(event.data).toMatchObject({
      exploitation: body.exploitation,
      citizenship: String(person.citizenship).toUpperCase(),
      reportingBodyKind: 'commission_body',
    });
    expect(JSON.stringify(event)).not.toContain(String(body.circumstances));
  });
});
