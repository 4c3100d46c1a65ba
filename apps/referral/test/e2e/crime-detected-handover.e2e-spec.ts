import pg from 'pg';
import { EventTap, testEnv } from '#shared/testing';
import {
  get,
  post,
  putDutyOfficerOnDuty,
  referralBody,
  report,
  startReferral,
  tokens,
  DUTY_OFFICER,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

describe('a detected crime without a person (R-4.1) and the handover record (R-4.2)', () => {
  let svc: ReferralService;
  let tap: EventTap;
  let db: pg.Client;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl);
    svc = await startReferral();
    await putDutyOfficerOnDuty(svc);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await svc?.close();
    await tap?.close();
  });

  it('R-4.1 tells the special police unit at once of a detected crime with no person, and keeps no victim record until the duty officer adds one', async () => {
    const body = referralBody({
      kind: 'crime_detected',
      circumstances: 'Recruitment ads for a fake job abroad',
    });
    delete body.person;
    const res = await post(svc, '/v1/referrals', await tokens.agency('SBS'), body);
    expect(res.status).toBe(201);
    const { id, victimRef } = res.body as { id: string; victimRef: string };
    const event = await tap.waitFor<Json>('referral.reported', (d) => d.referralId === id);
    expect(event.data).toMatchObject({
      kind: 'crime_detected',
      victimRef,
      profile: { sex: 'unknown', child: true },
    });
    const victims = await db.query(`SELECT 1 FROM "referral".victims WHERE victim_ref = $1`, [victimRef]);
    expect(victims.rowCount).toBe(0);
    expect(
      (await get(svc, `/v1/victims/${victimRef}?purpose=identification`, await tokens.duty())).status,
    ).toBe(404);
    expect((await get(svc, `/v1/referrals/${id}`, await tokens.duty())).body.personKnown).toBe(false);

    // A presumed victim still needs the person.
    const presumed = referralBody();
    delete presumed.person;
    const refused = await post(svc, '/v1/referrals', await tokens.agency('SBS'), presumed);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'person' })]),
    );

    // Only the duty officer adds the person, once.
    const person = {
      givenName: 'Leyla',
      familyName: 'Aliyeva',
      sex: 'female',
      citizenship: 'UZ',
      languages: ['uz'],
    };
    expect(
      (await post(svc, `/v1/referrals/${id}/person`, await tokens.agency('SBS'), { person })).status,
    ).toBe(403);
    expect(
      (await post(svc, `/v1/referrals/${id}/person`, await tokens.duty(), { person: { sex: 'x' } })).status,
    ).toBe(400);
    const added = await post(svc, `/v1/referrals/${id}/person`, await tokens.duty(), { person });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ personKnown: true, victimRef });
    expect((await post(svc, `/v1/referrals/${id}/person`, await tokens.duty(), { person })).status).toBe(409);
    const read = await get(svc, `/v1/victims/${victimRef}?purpose=identification`, await tokens.duty());
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      givenName: 'Leyla',
      citizenship: 'UZ',
      circumstances: 'Recruitment ads for a fake job abroad',
    });
    const moved = await db.query(`SELECT circumstances_enc FROM "referral".referrals WHERE id = $1`, [id]);
    expect(moved.rows[0].circumstances_enc).toBeNull();
  });

  it('R-4.2 records which documents were delivered with the person at the handover', async () => {
    const referral = await report(svc, 'MOH');
    const handover = await post(svc, `/v1/referrals/${referral.id}/handover`, await tokens.agency('MOH'), {
      toOrg: 'MIA-SPU',
      toOfficerId: DUTY_OFFICER,
    });
    expect(handover.status).toBe(200);
    const url = `/v1/referrals/${referral.id}/handover/accept`;
    const bad = await post(svc, url, await tokens.duty(), { documentsDelivered: ['passport', 'diary'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'documentsDelivered' })]);
    expect((await get(svc, `/v1/referrals/${referral.id}`, await tokens.duty())).body.status).toBe(
      'handover_pending',
    );
    const accepted = await post(svc, url, await tokens.duty(), {
      documentsDelivered: ['passport', 'birth_certificate'],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.handover.documentsDelivered).toEqual(['passport', 'birth_certificate']);
    const row = await db.query(`SELECT handover_documents FROM "referral".referrals WHERE id = $1`, [
      referral.id,
    ]);
    expect(row.rows[0].handover_documents).toEqual(['passport', 'birth_certificate']);
  });
});
