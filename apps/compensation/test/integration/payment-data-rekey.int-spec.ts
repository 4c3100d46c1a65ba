import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { eventually, testEnv } from '#shared/testing';
import { claimReadyForPayout, createPayout, people, startCompensation } from '../support/compensation.js';

describe('payment data key rotation (integration)', () => {
  let db: pg.Client;
  beforeAll(async () => {
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(() => db?.end());

  it('R-1.3.2 re-encrypts payment data under the new key after a rotation, and it stays readable', async () => {
    const ring = `r1:${randomBytes(32).toString('base64')},r2:${randomBytes(32).toString('base64')}`;
    const before = await startCompensation({
      PAYMENT_DATA_KEYS: ring,
      PAYMENT_DATA_ACTIVE_KEY_ID: 'r1',
      PAYMENT_DATA_REKEY_INTERVAL_MS: '0',
    });
    let payoutId: string;
    let iban: string;
    try {
      const p = people(before.url);
      const claimId = await claimReadyForPayout(p, 900);
      const created = await createPayout(p, claimId, 900);
      payoutId = created.body.id;
      await p.approver.post(`/v1/payouts/${payoutId}/approve`);
      iban = (await p.approver.get(`/v1/payouts/${payoutId}/payment-details`)).body.iban;
      const { rows } = await db.query(
        `SELECT beneficiary_name_enc, iban_enc FROM compensation.payouts WHERE id = $1`,
        [payoutId],
      );
      expect(rows[0].beneficiary_name_enc).toMatch(/^v1\.r1\./);
    } finally {
      await before.close();
    }

    const after = await startCompensation({
      PAYMENT_DATA_KEYS: ring,
      PAYMENT_DATA_ACTIVE_KEY_ID: 'r2',
      PAYMENT_DATA_REKEY_INTERVAL_MS: '100',
    });
    try {
      await eventually(async () => {
        const { rows } = await db.query(
          `SELECT beneficiary_name_enc, iban_enc FROM compensation.payouts WHERE id = $1`,
          [payoutId],
        );
        expect(rows[0].beneficiary_name_enc).toMatch(/^v1\.r2\./);
        expect(rows[0].iban_enc).toMatch(/^v1\.r2\./);
      });
      const p = people(after.url);
      const details = await p.approver.get(`/v1/payouts/${payoutId}/payment-details`);
      expect(details.body).toMatchObject({ beneficiaryName: 'Aysel Mammadova', iban });
      expect(after.logs.join('')).not.toContain(iban);
    } finally {
      await after.close();
    }
  });
});
