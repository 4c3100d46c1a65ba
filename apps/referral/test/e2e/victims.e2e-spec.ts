import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import pg from 'pg';
import {
  buildEnvelope,
  EVENTS_EXCHANGE,
  ShelterAdmissionRequested,
  ShelterDischarged,
  type EventContract,
} from '#shared';
import { eventually, testEnv } from '#shared/testing';
import {
  auth,
  DUTY_OFFICER,
  get,
  report,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

describe("victims' personal data (R-1.3.2)", () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(() => svc?.close());

  /** Publishes an event as another service would (through the broker, so the consumer path is real). */
  const publish = async <T extends object>(contract: EventContract<T>, data: T) => {
    const conn = await connect(testEnv().amqpUrl);
    try {
      const channel = await conn.createConfirmChannel();
      const env = buildEnvelope('shelter', contract, data, { aggregateId: randomUUID() });
      channel.publish(EVENTS_EXCHANGE, env.type, Buffer.from(JSON.stringify(env)), {
        persistent: true,
        messageId: env.id,
        contentType: 'application/json',
      });
      await channel.waitForConfirms();
    } finally {
      await conn.close();
    }
  };
  const read = async (
    victimRef: string,
    headers: Record<string, string>,
    query = '?purpose=identification',
  ) => get(svc, `/v1/victims/${victimRef}${query}`, headers);
  const accessLog = async (victimRef: string) =>
    (await get(svc, `/v1/victims/${victimRef}/access-log`, await tokens.duty())).body as Json[];

  it('R-1.3.2 returns personal data to the duty officer and writes the read to the access log', async () => {
    const referral = await report(
      svc,
      'MOH',
      {},
      { givenName: 'Leyla', familyName: 'Aliyeva', dateOfBirth: '2001-06-02' },
    );
    const res = await read(referral.victimRef, await tokens.duty());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      victimRef: referral.victimRef,
      caseNumber: referral.caseNumber,
      givenName: 'Leyla',
      familyName: 'Aliyeva',
      dateOfBirth: '2001-06-02',
      contact: '+994 50 123 45 67',
      circumstances: expect.stringContaining('construction site'),
      documents: [{ kind: 'passport', reference: 'C01234567' }],
      citizenship: 'AZ',
      sex: 'female',
    });
    const log = await accessLog(referral.victimRef);
    expect(log).toEqual([
      expect.objectContaining({
        actorSub: DUTY_OFFICER,
        actorRole: 'police_duty_officer',
        actorOrg: 'MIA-SPU',
        purpose: 'identification',
        outcome: 'granted',
        fields: ['givenName', 'familyName', 'dateOfBirth', 'contact', 'circumstances', 'documents'],
      }),
    ]);
  });

  it('R-1.3.2 logs every read, with only the fields asked for, and takes the purpose from a header', async () => {
    const referral = await report(svc, 'MOH');
    await read(referral.victimRef, await tokens.duty(), '?purpose=handover&fields=givenName');
    const viaHeader = await get(svc, `/v1/victims/${referral.victimRef}`, {
      ...(await tokens.duty()),
      'x-access-purpose': 'safety_assessment',
    });
    expect(viaHeader.status).toBe(200);
    const onlyName = await read(
      referral.victimRef,
      await tokens.duty(),
      '?purpose=handover&fields=givenName',
    );
    expect(Object.keys(onlyName.body)).not.toContain('circumstances');
    const log = await accessLog(referral.victimRef);
    expect(log.map((e) => [e.purpose, e.fields.join(',')])).toEqual([
      ['handover', 'givenName'],
      ['safety_assessment', 'givenName,familyName,dateOfBirth,contact,circumstances,documents'],
      ['handover', 'givenName'],
    ]);
  });

  it('R-1.3.2 refuses a read without a valid purpose', async () => {
    const referral = await report(svc, 'MOH');
    const missing = await read(referral.victimRef, await tokens.duty(), '');
    expect(missing.status).toBe(400);
    expect(missing.body.type).toBe('access-purpose-required');
    const unknown = await read(referral.victimRef, await tokens.duty(), '?purpose=curiosity');
    expect(unknown.status).toBe(400);
    expect(await accessLog(referral.victimRef)).toEqual([]);
  });

  it('R-1.3.2 refuses personal data to the reporting agency, the coordinator, admin and other police bodies', async () => {
    const referral = await report(svc, 'MOH');
    for (const headers of [
      await tokens.agency('MOH'),
      await tokens.coordinator(),
      await tokens.admin(),
      await auth('fund_officer', 'FUND'),
    ]) {
      expect((await read(referral.victimRef, headers)).status).toBe(403);
    }
    // A police_duty_officer token of another body than the special police unit.
    const otherPolice = await read(
      referral.victimRef,
      await auth('police_duty_officer', 'MIA', 'mia-officer'),
    );
    expect(otherPolice.status).toBe(403);
    const log = await accessLog(referral.victimRef);
    expect(log).toEqual([expect.objectContaining({ actorOrg: 'MIA', outcome: 'refused' })]);
  });

  it('R-1.3.2 keeps the access log append-only in the database', async () => {
    const referral = await report(svc, 'MOH');
    await read(referral.victimRef, await tokens.duty());
    const owner = new pg.Client({ connectionString: testEnv().ownerDatabaseUrl('referral') });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE "referral".access_log SET purpose = 'handover'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query(`DELETE FROM "referral".access_log`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE "referral".access_log`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    expect(await accessLog(referral.victimRef)).toHaveLength(1);
  });

  it("R-3.5 lets staff of a facility asked to admit the victim read identity only, until discharge, and nobody else's staff", async () => {
    const referral = await report(svc, 'MOH');
    const facilityCode = `SH-${randomUUID().slice(0, 8).toUpperCase()}`;
    const staff = await auth('facility_staff', facilityCode, 'staff-1');
    expect((await read(referral.victimRef, staff, '?purpose=shelter_admission')).status).toBe(403);

    const placementId = randomUUID();
    await publish(ShelterAdmissionRequested, {
      placementId,
      requestId: randomUUID(),
      facilityId: randomUUID(),
      facilityCode,
      victimRef: referral.victimRef,
      caseNumber: referral.caseNumber,
      profile: { sex: 'female', ageBand: '14-17', age: 17, child: true, languages: ['az'], needs: [] },
      expectedArrivalAt: new Date().toISOString(),
      offerExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });

    const granted = await eventually(async () => {
      const res = await read(referral.victimRef, staff, '?purpose=shelter_admission');
      if (res.status !== 200) throw new Error(`still ${res.status}`);
      return res;
    });
    expect(granted.body.givenName).toEqual(expect.any(String));
    expect(granted.body.circumstances).toBeUndefined();
    expect(granted.body.contact).toBeUndefined();
    expect(granted.body.documents).toBeUndefined();
    expect(
      (await read(referral.victimRef, staff, '?purpose=shelter_admission&fields=circumstances')).status,
    ).toBe(403);
    const other = await auth('facility_staff', 'SH-OTHER', 'staff-2');
    expect((await read(referral.victimRef, other, '?purpose=shelter_admission')).status).toBe(403);
    const log = await accessLog(referral.victimRef);
    expect(log.filter((e) => e.actorOrg === facilityCode && e.outcome === 'granted')).toEqual([
      expect.objectContaining({
        fields: ['givenName', 'familyName', 'dateOfBirth'],
        purpose: 'shelter_admission',
      }),
    ]);

    // Once the victim is discharged, the facility's access ends.
    await publish(ShelterDischarged, {
      placementId,
      facilityId: randomUUID(),
      facilityCode,
      victimRef: referral.victimRef,
      caseNumber: referral.caseNumber,
      at: new Date().toISOString(),
    });
    await eventually(
      async () => (await read(referral.victimRef, staff, '?purpose=shelter_admission')).status === 403,
    );
  });

  it('answers 404 for an unknown victim and 400 for a malformed reference', async () => {
    expect((await read('V-00000000000000000000', await tokens.duty())).status).toBe(404);
    expect((await read('not-a-ref', await tokens.duty())).status).toBe(400);
  });

  it('reads the access log only as the special police unit or admin', async () => {
    const referral = await report(svc, 'MOH');
    expect(
      (await get(svc, `/v1/victims/${referral.victimRef}/access-log`, await tokens.admin())).status,
    ).toBe(200);
    expect(
      (await get(svc, `/v1/victims/${referral.victimRef}/access-log`, await tokens.agency('MOH'))).status,
    ).toBe(403);
    expect(
      (
        await get(
          svc,
          `/v1/victims/${referral.victimRef}/access-log`,
          await auth('police_duty_officer', 'MIA'),
        )
      ).status,
    ).toBe(403);
  });
});
