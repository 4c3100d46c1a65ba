import { EventTap, testEnv } from '#shared/testing';
import {
  DUTY_OFFICER,
  auth,
  get,
  post,
  put,
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

  it('walks through the second round: a guardian consents, MOH answers, safety, closing', async () => {
    const agency = await tokens.agency('MLSPP', 'mlspp-officer-2');
    const created = await post(svc, '/v1/referrals', agency, referralBody());
    const { id, victimRef } = created.body as { id: string; victimRef: string };
    const duty = await tokens.duty();
    await post(svc, `/v1/referrals/${id}/handover`, agency, { toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER });
    const accepted = await post(svc, `/v1/referrals/${id}/handover/accept`, duty, {
      documentsDelivered: ['passport', 'birth_certificate'],
    });
    expect(accepted.body.handover.documentsDelivered).toEqual(['passport', 'birth_certificate']);

    const consent = await post(svc, `/v1/victims/${victimRef}/consents`, duty, {
      purpose: 'medical_examination',
      granted: true,
      givenBy: 'guardian',
    });
    expect(consent.status).toBe(201);
    const request = await post(svc, `/v1/victims/${victimRef}/service-requests`, duty, {
      service: 'medical',
    });
    expect(request.body.providerOrg).toBe('MOH');
    const moh = await auth('service_provider', 'MOH', 'moh-doctor-1');
    const open = await get(svc, '/v1/service-requests?providerOrg=MOH&status=requested', moh);
    expect(open.body.items.map((i: Json) => i.id)).toContain(request.body.id);
    expect((await post(svc, `/v1/service-requests/${request.body.id}/accept`, moh, {})).body.status).toBe(
      'accepted',
    );
    const done = await post(svc, `/v1/service-requests/${request.body.id}/complete`, moh, {
      outcome: 'provided',
    });
    expect(done.body.status).toBe('completed');

    const safety = await put(svc, `/v1/victims/${victimRef}/safety`, duty, {
      riskLevel: 'high',
      threats: ['Recruiter phoned the family'],
      measures: ['Address withheld'],
      restrictDisclosure: true,
    });
    expect(safety.status).toBe(200);
    expect((await get(svc, `/v1/victims/${victimRef}/safety`, duty)).body.riskLevel).toBe('high');

    const closed = await post(svc, `/v1/referrals/${id}/close`, duty, { reason: 'reintegrated' });
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'reintegrated' });
  });
});
