import pg from 'pg';
import { EventTap, testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import {
  claimReadyForPayout,
  createPayout,
  people,
  startCompensation,
  unique,
  type People,
} from '../support/compensation.js';

describe('cash payouts (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  let p: People;
  let tap: EventTap;
  let db: pg.Client;
  beforeAll(async () => {
    svc = await startCompensation();
    p = people(svc.url);
    tap = await EventTap.open(testEnv().amqpUrl, 'compensation.#');
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await tap?.close();
    await db?.end();
    await svc?.close();
  });

  it('R-3.10 pays in cash: disbursement records receipt, identity document and officer, and a receipt prints', async () => {
    const claimId = await claimReadyForPayout(p, 70_000);
    const created = await createPayout(p, claimId, 70_000, 'cash');
    expect(created.status).toBe(201);
    expect(created.body.ibanMasked).toBeUndefined();
    const id = created.body.id as string;
    await p.approver.post(`/v1/payouts/${id}/approve`);
    const receiptNumber = unique('KASSA');
    const document = `AZE passport ${unique('AA')}`;
    const cash = await p.officer2.post(`/v1/payouts/${id}/cash-disbursement`, {
      receiptNumber,
      identityDocument: document,
    });
    expect(cash.status).toBe(200);
    expect(cash.body).toMatchObject({ status: 'disbursed', receiptNumber });
    expect(cash.body.history.at(-1)).toMatchObject({ from: 'approved', to: 'disbursed', by: p.officer2.sub });
    expect(cash.text).not.toContain(document);

    const { rows } = await db.query(`SELECT identity_document_enc FROM compensation.payouts WHERE id = $1`, [
      id,
    ]);
    expect(rows[0].identity_document_enc).toMatch(/^v1\./);
    expect(rows[0].identity_document_enc).not.toContain(document);

    const receipt = await p.approver.get(`/v1/payouts/${id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toContain('text/html');
    expect(receipt.text).toContain(receiptNumber);
    expect(receipt.text).toContain('700.00 AZN');
    expect(receipt.text).toContain(document);
    expect(receipt.text).toContain('Aysel Mammadova');
    expect(receipt.text).toContain(p.officer2.sub);
    const prints = await db.query(
      `SELECT count(*)::int AS n FROM compensation.payment_data_access WHERE subject_kind = 'payout_receipt' AND subject_id = $1`,
      [id],
    );
    expect(prints.rows[0].n).toBe(1);

    const ev = await tap.waitFor<Record<string, unknown>>(
      'compensation.payout.settled',
      (d) => d.payoutId === id,
    );
    expect(ev.data).toMatchObject({ outcome: 'disbursed', method: 'cash', by: p.officer2.sub });
    expect(JSON.stringify(ev)).not.toContain(document);
  });

  it('R-3.10 a cash payout is never batched, settled by bank, nor disbursed twice', async () => {
    const claimId = await claimReadyForPayout(p, 20_000);
    const a = await createPayout(p, claimId, 10_000, 'cash');
    const b = await createPayout(p, claimId, 10_000, 'cash');
    await p.approver.post(`/v1/payouts/${a.body.id}/approve`);
    await p.approver.post(`/v1/payouts/${b.body.id}/approve`);
    expect((await p.officer.post('/v1/payout-batches', { payoutIds: [a.body.id] })).status).toBe(409);
    expect((await p.officer.post(`/v1/payouts/${a.body.id}/settle`, { bankReference: 'X' })).status).toBe(
      409,
    );
    const receiptNumber = unique('R');
    expect(
      (
        await p.officer.post(`/v1/payouts/${a.body.id}/cash-disbursement`, {
          receiptNumber,
          identityDocument: 'ID 1234567',
        })
      ).status,
    ).toBe(200);
    const retry = await p.officer.post(`/v1/payouts/${a.body.id}/cash-disbursement`, {
      receiptNumber,
      identityDocument: 'ID 1234567',
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const other = await p.officer.post(`/v1/payouts/${a.body.id}/cash-disbursement`, {
      receiptNumber: unique('R'),
      identityDocument: 'ID 1234567',
    });
    expect(other.status).toBe(409);
    const reused = await p.officer.post(`/v1/payouts/${b.body.id}/cash-disbursement`, {
      receiptNumber,
      identityDocument: 'ID 7654321',
    });
    expect(reused.status).toBe(409);
    expect(reused.body.type).toBe('receipt-number-used');
    expect((await p.officer.get(`/v1/payouts/${b.body.id}`)).body.status).toBe('approved');
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'payout'`,
      [a.body.id],
    );
    expect(rows[0].n).toBe(1);
    expect((await p.officer.get(`/v1/payouts/${b.body.id}/receipt`)).status).toBe(409);
  });
});
