import { EventTap, testEnv } from '#shared/testing';
import {
  DUTY_OFFICER,
  get,
  post,
  putDutyOfficerOnDuty,
  referralBody,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

/** The README walkthrough, as a test: report, the duty officer is told, hand over, accept, read, audit. */
describe('walkthrough', () => {
  let svc: ReferralService;
  let tap: EventTap;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl);
    svc = await startReferral();
    await putDutyOfficerOnDuty(svc);
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  it("R-4.1 R-4.4 R-1.3.2 takes a referral from intake to the duty officer's audited read", async () => {
    const agency = await tokens.agency('MLSPP', 'mlspp-officer-1');
    const body = referralBody();
    const created = await post(
      svc,
      '/v1/referrals',
      { ...agency, 'idempotency-key': `walkthrough-${Date.now()}` },
      body,
    );
    expect(created.status).toBe(201);
    const { id, victimRef } = created.body;

    await tap.waitFor<Json>('referral.reported', (d) => d.referralId === id);
    const current = await get(svc, '/v1/duty-roster/current', agency);
    const handover = await post(svc, `/v1/referrals/${id}/handover`, agency, {
      toOrg: 'MIA-SPU',
      toOfficerId: current.body.officerId,
    });
    expect(handover.status).toBe(200);
    const accepted = await post(svc, `/v1/referrals/${id}/handover/accept`, await tokens.duty(), {});
    expect(accepted.body.status).toBe('handed_over');
    await tap.waitFor<Json>('referral.handed_over', (d) => d.referralId === id);

    const read = await get(svc, `/v1/victims/${victimRef}?purpose=identification`, await tokens.duty());
    expect(read.body.familyName).toBe((body.person as Json).familyName);
    const log = await get(svc, `/v1/victims/${victimRef}/access-log`, await tokens.duty());
    expect(log.body).toEqual([
      expect.objectContaining({ actorSub: DUTY_OFFICER, purpose: 'identification', outcome: 'granted' }),
    ]);

    // The agency follows its referral's status, without personal data.
    const status = await get(svc, `/v1/referrals/${id}`, agency);
    expect(status.body.status).toBe('handed_over');
    expect(JSON.stringify(status.body)).not.toContain((body.person as Json).familyName);
  });
});
