import pg from 'pg';
import { testEnv } from '#shared/testing';
import { get, report, startReferral, tokens, type ReferralService } from '../support/referral-service.js';

describe('encryption key rotation (R-1.3.2)', () => {
  let before: ReferralService;
  let after: ReferralService;
  beforeAll(async () => {
    // Same key ring; the active key moves from k1 to k2, as in a rotation.
    [before, after] = await Promise.all([
      startReferral({ PII_ACTIVE_KEY_ID: 'k1' }),
      startReferral({ PII_ACTIVE_KEY_ID: 'k2' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([before?.close(), after?.close()]);
  });

  it('R-1.3.2 reads data written under the previous key, and writes new data under the active key', async () => {
    const old = await report(before, 'MOH', {}, { givenName: 'Rena' });
    const fresh = await report(after, 'MOH', {}, { givenName: 'Samira' });
    const duty = await tokens.duty();
    expect(
      (await get(after, `/v1/victims/${old.victimRef}?purpose=identification`, duty)).body.givenName,
    ).toBe('Rena');
    expect(
      (await get(after, `/v1/victims/${fresh.victimRef}?purpose=identification`, duty)).body.givenName,
    ).toBe('Samira');

    const db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        // Each victim's fields are sealed under their own data key; the key ring wraps that key
        // (v1.<kid>.<iv>.<tag>.<ciphertext>).
        `SELECT v.victim_ref, split_part(k.wrapped_key, '.', 2) AS kid FROM "referral".victims v
           JOIN "referral".victim_keys k ON k.victim_id = v.id WHERE v.victim_ref = ANY($1)`,
        [[old.victimRef, fresh.victimRef]],
      );
      const kid = Object.fromEntries(
        rows.map((r: { victim_ref: string; kid: string }) => [r.victim_ref, r.kid]),
      );
      expect(kid[old.victimRef]).toBe('k1');
      expect(kid[fresh.victimRef]).toBe('k2');
    } finally {
      await db.end();
    }
  });
});
