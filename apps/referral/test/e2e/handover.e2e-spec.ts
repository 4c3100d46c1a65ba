import pg from 'pg';
import { EventTap, testEnv } from '#shared/testing';
import {
  auth,
  DUTY_OFFICER,
  get,
  post,
  putDutyOfficerOnDuty,
  report,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

describe('handover to the special police unit', () => {
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

  const handover = async (id: string, body: Json, org = 'MOH') =>
    post(svc, `/v1/referrals/${id}/handover`, await tokens.agency(org), body);
  const accept = async (id: string, sub = DUTY_OFFICER) =>
    post(svc, `/v1/referrals/${id}/handover/accept`, await tokens.duty(sub), {});
  const decide = async (id: string, outcome: string) =>
    post(svc, `/v1/referrals/${id}/decision`, await tokens.duty(), { outcome });
  const view = async (id: string) => (await get(svc, `/v1/referrals/${id}`, await tokens.duty())).body;

  it('R-4.4 hands over to the duty officer on duty, who accepts it; then the unit decides', async () => {
    const current = await get(svc, '/v1/duty-roster/current', await tokens.agency('MOH'));
    expect(current.status).toBe(200);
    expect(current.body.officerId).toBe(DUTY_OFFICER);

    const referral = await report(svc, 'MOH');
    const requested = await handover(referral.id, { toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER });
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('handover_pending');
    expect(requested.body.handover).toMatchObject({ toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER });
    await tap.waitFor<Json>(
      'referral.handover.requested',
      (d) => d.referralId === referral.id && d.toOfficerId === DUTY_OFFICER,
    );

    const accepted = await accept(referral.id);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('handed_over');
    expect(accepted.body.handover.late).toBe(false);
    const handedOver = await tap.waitFor<Json>('referral.handed_over', (d) => d.referralId === referral.id);
    expect(handedOver.data).toMatchObject({
      officerId: DUTY_OFFICER,
      late: false,
      caseNumber: referral.caseNumber,
    });

    const decided = await decide(referral.id, 'identified_victim');
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('identified_victim');
    await tap.waitFor<Json>(
      'victim.identified',
      (d) => d.referralId === referral.id && d.outcome === 'identified_victim',
    );
  });

  it.each(['MIA', 'PGO', 'SCC', 'SBS', 'MNS', 'SMS', 'FUND'])(
    'R-4.5 refuses a handover to %s with 422, records the attempt and changes nothing',
    async (toOrg) => {
      const referral = await report(svc, 'MOH');
      const res = await handover(referral.id, { toOrg, toOfficerId: DUTY_OFFICER });
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('handover-recipient-not-allowed');

      const after = await view(referral.id);
      expect(after.status).toBe('reported');
      expect(after.handover).toBeUndefined();
      const attempts = await get(svc, `/v1/referrals/${referral.id}/handover-attempts`, await tokens.duty());
      expect(attempts.body).toEqual([
        expect.objectContaining({
          toOrg,
          toOfficerId: DUTY_OFFICER,
          outcome: 'refused',
          reason: 'not_special_police_unit',
          requestedByOrg: 'MOH',
        }),
      ]);
      expect(tap.ofType('referral.handover.requested').some((e) => e.data.referralId === referral.id)).toBe(
        false,
      );
      // The record of the refused attempt cannot be erased.
      const owner = new pg.Client({ connectionString: testEnv().ownerDatabaseUrl('referral') });
      await owner.connect();
      try {
        await expect(
          owner.query(`DELETE FROM "referral".handover_attempts WHERE referral_id = $1`, [referral.id]),
        ).rejects.toThrow(/append-only/);
      } finally {
        await owner.end();
      }
    },
  );

  it('R-4.4 refuses a handover to a special police unit officer who is not on duty', async () => {
    const referral = await report(svc, 'MOH');
    const res = await handover(referral.id, { toOrg: 'MIA-SPU', toOfficerId: 'spu-officer-off-duty' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('handover-recipient-not-allowed');
    expect((await view(referral.id)).status).toBe('reported');
    const attempts = await get(
      svc,
      `/v1/referrals/${referral.id}/handover-attempts`,
      await tokens.agency('MOH'),
    );
    expect(attempts.body).toEqual([
      expect.objectContaining({ outcome: 'refused', reason: 'officer_not_on_duty' }),
    ]);
  });

  it('R-4.4 lets only the officer the handover was made to accept it', async () => {
    const referral = await report(svc, 'MOH');
    expect((await handover(referral.id, { toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER })).status).toBe(200);
    const other = await accept(referral.id, 'spu-officer-other');
    expect(other.status).toBe(403);
    const agency = await post(
      svc,
      `/v1/referrals/${referral.id}/handover/accept`,
      await tokens.agency('MOH'),
      {},
    );
    expect(agency.status).toBe(403);
    const policeElsewhere = await post(
      svc,
      `/v1/referrals/${referral.id}/handover/accept`,
      await auth('police_duty_officer', 'MIA', DUTY_OFFICER),
      {},
    );
    expect(policeElsewhere.status).toBe(403);
    expect((await view(referral.id)).status).toBe('handover_pending');
  });

  it('lets only the reporting agency request the handover', async () => {
    const referral = await report(svc, 'MOH');
    const res = await handover(referral.id, { toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER }, 'MOE');
    expect(res.status).toBe(404);
    expect((await view(referral.id)).status).toBe('reported');
  });

  describe('illegal transitions', () => {
    it('refuses to accept a handover that was never requested (409)', async () => {
      const referral = await report(svc, 'MOH');
      const res = await accept(referral.id);
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('illegal-transition');
    });

    it('refuses a decision before the handover (409)', async () => {
      const referral = await report(svc, 'MOH');
      const res = await decide(referral.id, 'not_a_victim');
      expect(res.status).toBe(409);
      expect((await view(referral.id)).status).toBe('reported');
    });

    it('refuses a second handover, a second acceptance and a second decision (409)', async () => {
      const referral = await report(svc, 'MOH');
      await handover(referral.id, { toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER });
      expect((await accept(referral.id)).status).toBe(200);
      expect((await accept(referral.id)).status).toBe(409);
      expect((await handover(referral.id, { toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER })).status).toBe(409);
      expect((await decide(referral.id, 'not_a_victim')).status).toBe(200);
      expect((await decide(referral.id, 'identified_victim')).status).toBe(409);
      expect((await view(referral.id)).status).toBe('not_a_victim');
    });

    it('refuses an unknown decision outcome (400) and a malformed id (400)', async () => {
      const referral = await report(svc, 'MOH');
      expect((await decide(referral.id, 'maybe')).status).toBe(400);
      expect((await accept('not-a-uuid')).status).toBe(400);
    });
  });

  it('R-4.2 records a handover accepted after handoverDueAt as a breach', async () => {
    const identifiedAt = new Date(Date.now() - 25 * 3_600_000).toISOString();
    const referral = await report(svc, 'MOH', { identifiedAt });
    await handover(referral.id, { toOrg: 'MIA-SPU', toOfficerId: DUTY_OFFICER });
    const accepted = await accept(referral.id);
    expect(accepted.status).toBe(200);
    expect(accepted.body.handover.late).toBe(true);
    expect(accepted.body.overdue).toBe(true);
    const event = await tap.waitFor<Json>('referral.handed_over', (d) => d.referralId === referral.id);
    expect(event.data.late).toBe(true);
    await tap.waitFor<Json>('referral.deadline.breached', (d) => d.referralId === referral.id);
    // Announced once, whether the monitor or the late acceptance recorded the breach first.
    const db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "referral".outbox WHERE event_type = 'referral.deadline.breached' AND aggregate_id = $1`,
        [referral.id],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await db.end();
    }

    const overdue = await get(svc, '/v1/referrals?overdue=true&limit=100', await tokens.agency('MOH'));
    expect(overdue.body.items.map((r: Json) => r.id)).toContain(referral.id);
  });
});
