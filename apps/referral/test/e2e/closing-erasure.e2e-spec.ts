import pg from 'pg';
import { EventTap, eventually, testEnv } from '#shared/testing';
import { parseKeyRing } from '#shared';
import { PiiCipher } from '../../src/common/pii-cipher.js';
import {
  TEST_KEYS,
  get,
  post,
  put,
  report,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

/** Closing a case and erasing the victim's personal data after the retention period. */
describe('closing and erasure (R-1.3.2)', () => {
  let svc: ReferralService;
  let tap: EventTap;
  let db: pg.Client;
  const cipher = new PiiCipher(parseKeyRing(TEST_KEYS.PII_KEYS), TEST_KEYS.PII_ACTIVE_KEY_ID);
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl);
    // One day of retention: a test moves a closing back in time to pass it.
    svc = await startReferral({ PERSONAL_DATA_RETENTION_DAYS: '1', ERASURE_SCAN_MS: '200' });
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await svc?.close();
    await tap?.close();
  });

  const read = async (victimRef: string) =>
    get(svc, `/v1/victims/${victimRef}?purpose=identification`, await tokens.duty());
  const close = async (id: string, reason: string, headers?: Record<string, string>) =>
    post(svc, `/v1/referrals/${id}/close`, headers ?? (await tokens.duty()), { reason });

  it('R-1.3.2 closes a case with a reason, by the special police unit only, once', async () => {
    const referral = await report(svc, 'MOH');
    expect((await close(referral.id, 'bored')).status).toBe(400);
    expect((await close(referral.id, 'withdrew', await tokens.agency('MOH'))).status).toBe(403);
    const closed = await close(referral.id, 'merged_duplicate');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'merged_duplicate' });
    await tap.waitFor<Json>(
      'referral.closed',
      (d) => d.referralId === referral.id && d.reason === 'merged_duplicate',
    );
    expect((await close(referral.id, 'withdrew')).status).toBe(409);
    // Within the retention period the data is still there.
    expect((await read(referral.victimRef)).status).toBe(200);
  });

  it('R-1.3.2 erases the personal data after the retention period by destroying the data key; the access log and statistics remain', async () => {
    const referral = await report(svc, 'MOH', {}, { givenName: 'Gulnar' });
    await put(svc, `/v1/victims/${referral.victimRef}/safety`, await tokens.duty(), {
      riskLevel: 'high',
      threats: ['Threat by phone'],
      measures: ['Escort'],
      restrictDisclosure: true,
    });
    expect((await read(referral.victimRef)).body.givenName).toBe('Gulnar');
    // A copy of the row, as a backup of the table would hold it.
    const { rows: copy } = await db.query(
      `SELECT id, given_name_enc FROM "referral".victims WHERE victim_ref = $1`,
      [referral.victimRef],
    );
    const { rows: keys } = await db.query(
      `SELECT wrapped_key FROM "referral".victim_keys WHERE victim_id = $1`,
      [copy[0].id],
    );
    expect(keys).toHaveLength(1);
    expect(
      cipher.forVictim(copy[0].id, keys[0].wrapped_key).decrypt(copy[0].given_name_enc, 'givenName'),
    ).toBe('Gulnar');

    expect((await close(referral.id, 'reintegrated')).status).toBe(200);
    await db.query(`UPDATE "referral".referrals SET closed_at = now() - interval '2 days' WHERE id = $1`, [
      referral.id,
    ]);
    await eventually(async () => {
      const res = await read(referral.victimRef);
      expect(res.status).toBe(410);
      expect(res.body.type).toBe('personal-data-erased');
    });
    expect((await get(svc, `/v1/victims/${referral.victimRef}/safety`, await tokens.duty())).status).toBe(
      410,
    );
    const { rows: after } = await db.query(
      `SELECT v.blind_index, v.erased_at, (SELECT count(*)::int FROM "referral".victim_keys k WHERE k.victim_id = v.id) AS keys
         FROM "referral".victims v WHERE v.id = $1`,
      [copy[0].id],
    );
    expect(after[0]).toMatchObject({ blind_index: null, keys: 0 });
    expect(after[0].erased_at).not.toBeNull();
    // The data key is gone: the copy made before cannot be read back, whatever key ring one holds.
    expect(() => cipher.forVictim(copy[0].id, null).decrypt(copy[0].given_name_enc, 'givenName')).toThrow();

    const log = await get(svc, `/v1/victims/${referral.victimRef}/access-log`, await tokens.duty());
    expect(log.status).toBe(200);
    expect((log.body as unknown as Json[]).some((e) => e.outcome === 'granted')).toBe(true);
    const year = new Date().getUTCFullYear();
    const stats = await get(svc, `/v1/statistics/referrals?year=${year}`, await tokens.coordinator());
    expect(stats.status).toBe(200);
    expect(stats.body.byStatus.closed).toBeGreaterThanOrEqual(1);
    expect((await get(svc, `/v1/referrals/${referral.id}`, await tokens.duty())).body.status).toBe('closed');
  });

  it('R-1.3.2 moves rows written before per-victim data keys onto a key of their own', async () => {
    const referral = await report(svc, 'MOH', {}, { givenName: 'Zarifa' });
    const { rows } = await db.query(`SELECT id FROM "referral".victims WHERE victim_ref = $1`, [
      referral.victimRef,
    ]);
    const id = rows[0].id as string;
    // As the row was before the migration: sealed under the key ring itself, no data key.
    await db.query(
      `WITH gone AS (DELETE FROM "referral".victim_keys WHERE victim_id = $1)
       UPDATE "referral".victims SET given_name_enc = $2, family_name_enc = $3, date_of_birth_enc = $4,
              contact_enc = NULL, circumstances_enc = NULL, documents_enc = NULL WHERE id = $1`,
      [
        id,
        cipher.encrypt('Zarifa', id, 'givenName'),
        cipher.encrypt('Mammadli', id, 'familyName'),
        cipher.encrypt('2009-03-17', id, 'dateOfBirth'),
      ],
    );
    await eventually(async () => {
      const { rows: k } = await db.query(
        `SELECT v.given_name_enc, (SELECT count(*)::int FROM "referral".victim_keys k WHERE k.victim_id = v.id) AS keys
           FROM "referral".victims v WHERE v.id = $1`,
        [id],
      );
      expect(k[0].keys).toBe(1);
      expect(k[0].given_name_enc).toMatch(/^v1\.@dek\./);
    });
    expect((await read(referral.victimRef)).body).toMatchObject({
      givenName: 'Zarifa',
      familyName: 'Mammadli',
    });
  });
});
