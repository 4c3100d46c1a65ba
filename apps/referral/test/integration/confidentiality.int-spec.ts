import pg from 'pg';
import { EventTap, eventually, testEnv } from '#shared/testing';
import {
  DUTY_OFFICER,
  get,
  post,
  put,
  putDutyOfficerOnDuty,
  report,
  startReferral,
  tokens,
  uniqueName,
  type ReferralService,
} from '../support/referral-service.js';

describe("confidentiality of victims' data at rest, in logs and in events (R-1.3.2)", () => {
  let svc: ReferralService;
  let tap: EventTap;
  let db: pg.Client;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl);
    svc = await startReferral({ LOG_LEVEL: 'debug' });
    await putDutyOfficerOnDuty(svc);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
    await db?.end();
  });

  it('R-1.3.2 stores no plaintext name, birth date, contact, circumstances or document in any table, log line or event', async () => {
    const secrets = {
      givenName: uniqueName('Sevinj'),
      familyName: uniqueName('Quliyeva'),
      dateOfBirth: '1998-11-03',
      contact: `+994 55 ${Math.floor(Math.random() * 1e7)}`,
      circumstances: `Recruited by ${uniqueName('agent')} with a false offer of work abroad`,
      document: uniqueName('AZE'),
    };
    const referral = await report(
      svc,
      'SMS',
      {
        circumstances: secrets.circumstances,
        documents: [{ kind: 'passport', reference: secrets.document }],
      },
      {
        givenName: secrets.givenName,
        familyName: secrets.familyName,
        dateOfBirth: secrets.dateOfBirth,
        contact: secrets.contact,
      },
    );
    // Drive every path that touches the victim: handover, read (access log), consent, service request.
    await post(svc, `/v1/referrals/${referral.id}/handover`, await tokens.agency('SMS'), {
      toOrg: 'MIA-SPU',
      toOfficerId: DUTY_OFFICER,
    });
    await post(svc, `/v1/referrals/${referral.id}/handover/accept`, await tokens.duty(), {});
    const read = await get(
      svc,
      `/v1/victims/${referral.victimRef}?purpose=identification`,
      await tokens.duty(),
    );
    expect(read.body.givenName).toBe(secrets.givenName);
    await post(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty(), {
      purpose: 'shelter_placement',
      granted: true,
    });
    const request = await post(
      svc,
      `/v1/victims/${referral.victimRef}/service-requests`,
      await tokens.duty(),
      { service: 'shelter' },
    );
    // A refused request: its problem detail must not carry personal data either.
    await put(svc, '/v1/duty-roster', await tokens.admin(), {
      shifts: [{ officerId: secrets.givenName, startsAt: 'x', endsAt: 'y' }],
    });
    await tap.waitFor('service.requested', (d: { requestId?: string }) => d.requestId === request.body.id);
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "referral".outbox WHERE aggregate_id = $1 AND published_at IS NULL`,
        [referral.id],
      );
      return rows[0].n === 0;
    });

    const needles = [
      secrets.givenName,
      secrets.familyName,
      secrets.dateOfBirth,
      secrets.contact,
      secrets.circumstances,
      'false offer of work',
      secrets.document,
    ];
    const { rows: tables } = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'referral' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    for (const { table_name } of tables as { table_name: string }[]) {
      const { rows } = await db.query(`SELECT row_to_json(t)::text AS row FROM "referral"."${table_name}" t`);
      const dump = rows.map((r: { row: string }) => r.row).join('\n');
      for (const needle of needles) {
        if (dump.includes(needle)) throw new Error(`table ${table_name} holds plaintext personal data`);
      }
    }
    // The victim row holds ciphertexts with a key id, not plaintext.
    const { rows: victims } = await db.query(
      `SELECT given_name_enc, date_of_birth_enc FROM "referral".victims WHERE victim_ref = $1`,
      [referral.victimRef],
    );
    // Sealed under the victim's own data key (R-1.3.2 crypto-shredding), itself wrapped by the ring.
    expect(victims[0].given_name_enc).toMatch(/^v1\.@dek\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    const logs = svc.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const events = JSON.stringify(tap.events);
    expect(events).toContain(referral.victimRef);
    for (const needle of needles) {
      expect(logs).not.toContain(needle);
      expect(events).not.toContain(needle);
    }
  });

  it('R-1.3.2 never shows personal data in referral responses, to any role', async () => {
    const givenName = uniqueName('Gunel');
    const referral = await report(svc, 'MOH', {}, { givenName });
    for (const headers of [await tokens.agency('MOH'), await tokens.duty(), await tokens.admin()]) {
      const one = await get(svc, `/v1/referrals/${referral.id}`, headers);
      expect(one.status).toBe(200);
      expect(JSON.stringify(one.body)).not.toContain(givenName);
      expect(one.body.person).toBeUndefined();
      expect(one.body.circumstances).toBeUndefined();
    }
  });
});
