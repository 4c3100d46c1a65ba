import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import { camt054 } from '../support/bank-reports.js';
import {
  Caller,
  creditTransfers,
  COMPENSATION_TEST_ENV,
  claimReadyForPayout,
  createPayout,
  newIban,
  people,
  startCompensation,
  type People,
} from '../support/compensation.js';

/**
 * Once a payout's pain.001 was issued, the money leaves it only on the bank's word (pain.002, camt.054)
 * or on one person's request confirmed by a second. Until then it stays reserved, so a second payout
 * of the same money is refused: one officer alone can never make the Fund pay twice.
 */
describe('four eyes on money whose file was issued (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  let p: People;
  let db: pg.Client;
  beforeAll(async () => {
    svc = await startCompensation({ DATABASE_POOL_SIZE: '20' });
    p = people(svc.url);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await svc?.close();
  });

  const count = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0].n as number;

  /** A payout of `amount` on the claim: created, approved, batched and its file downloaded. */
  async function issued(
    claimId: string,
    amount: number,
    iban = newIban(),
  ): Promise<{ id: string; batchId: string }> {
    const created = await p.officer.post(
      '/v1/payouts',
      {
        claimId,
        amountMinor: amount,
        method: 'bank_transfer',
        methodChosenBy: 'victim',
        beneficiaryName: 'Aysel Mammadova',
        iban,
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(created.status).toBe(201);
    expect((await p.approver.post(`/v1/payouts/${created.body.id}/approve`)).status).toBe(200);
    const batch = await p.officer.post('/v1/payout-batches', { payoutIds: [created.body.id] });
    expect(batch.status).toBe(201);
    expect((await p.officer.get(`/v1/payout-batches/${batch.body.id}/pain001`)).status).toBe(200);
    return { id: created.body.id, batchId: batch.body.id };
  }

  it('R-3.8 one officer failing a payout after its pain.001 was issued only requests it: the money stays reserved and a second payout is refused', async () => {
    const claimId = await claimReadyForPayout(p, 800_000);
    const first = await issued(claimId, 800_000);

    const failed = await p.officer.post(`/v1/payouts/${first.id}/fail`, { reason: 'AC04 account closed' });
    expect(failed.status).toBe(202);
    expect(failed.body).toMatchObject({
      status: 'failure_requested',
      changeRequests: [
        expect.objectContaining({ kind: 'fail', requestedBy: p.officer.sub, decision: 'pending' }),
      ],
    });
    // The payout's own reservation stands (the Fund-wide balance moves with other test files).
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'reservation'`,
        [first.id],
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'reversal'`,
        [first.id],
      ),
    ).toBe(0);

    const second = await createPayout(p, claimId, 800_000);
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('exceeds-fund-liability');
    expect((await p.officer.get(`/v1/claims/${claimId}`)).body).toMatchObject({
      awardedMinor: 800_000,
      pendingByFundMinor: 800_000,
      fundPayableMinor: 0,
    });
    expect(await creditTransfers(db, p.approver, claimId)).toBe(1);
  });

  it('R-3.8 one officer cannot return a settled payout alone, nor fail it through the typed-in batch status', async () => {
    const claimId = await claimReadyForPayout(p, 50_000);
    const { id, batchId } = await issued(claimId, 50_000);
    const typed = await p.officer.post(`/v1/payout-batches/${batchId}/status`, {
      results: [{ payoutId: id, outcome: 'failed', reason: 'AC01' }],
    });
    expect(typed.body.results).toEqual([{ payoutId: id, result: 'requested', status: 'failure_requested' }]);
    expect(
      (await p.officer.post(`/v1/payouts/${id}/fail/reject`, { note: 'the bank confirmed execution' })).body
        .status,
    ).toBe('sent');
    expect((await p.officer.post(`/v1/payouts/${id}/settle`, { bankReference: 'B-1' })).body.status).toBe(
      'settled',
    );

    const returned = await p.officer.post(`/v1/payouts/${id}/return`, { reason: 'AC06' });
    expect(returned.status).toBe(202);
    expect(returned.body.status).toBe('return_requested');
    // The money counts as paid until someone else confirms: no second payout.
    expect((await createPayout(p, claimId, 50_000)).status).toBe(409);
    expect((await p.officer.get(`/v1/claims/${claimId}`)).body).toMatchObject({
      paidByFundMinor: 50_000,
      fundPayableMinor: 0,
    });
    const again = await p.officer2.post(`/v1/payouts/${id}/return`, { reason: 'AC06' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('change-request-pending');
  });

  it('R-3.8 neither the requester nor the maker confirms; a second approver does, once, and only then may the money be paid again', async () => {
    const claimId = await claimReadyForPayout(p, 30_000);
    const { id } = await issued(claimId, 30_000);
    const byApprover = await p.approver.post(`/v1/payouts/${id}/fail`, { reason: 'AC04' });
    expect(byApprover.status).toBe(202);

    const self = await p.approver.post(`/v1/payouts/${id}/fail/confirm`);
    expect(self.status).toBe(422);
    expect(self.body.type).toBe('requester-cannot-confirm');
    const makerAsApprover = new Caller(svc.url, 'fund_approver', p.officer.sub, 'FUND');
    const maker = await makerAsApprover.post(`/v1/payouts/${id}/fail/confirm`);
    expect(maker.status).toBe(422);
    expect(maker.body.type).toBe('maker-cannot-confirm');
    expect((await p.officer2.post(`/v1/payouts/${id}/fail/confirm`)).status).toBe(403);
    expect((await p.officer.get(`/v1/payouts/${id}`)).body.status).toBe('failure_requested');

    // 20 concurrent confirmations by four other approvers: one takes effect.
    const approvers = Array.from(
      { length: 4 },
      (_, i) => new Caller(svc.url, 'fund_approver', `${p.approver2.sub}-${i}`, 'FUND'),
    );
    const confirms = await Promise.all(
      Array.from({ length: 20 }, (_, i) => approvers[i % 4].post(`/v1/payouts/${id}/fail/confirm`)),
    );
    const ok = confirms.filter((r) => r.status === 200);
    expect(new Set(ok.map((r) => r.body.changeRequests[0].decidedBy)).size).toBe(1);
    expect(ok).toHaveLength(5);
    expect(ok.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(confirms.filter((r) => r.status === 409)).toHaveLength(15);
    expect(ok[0].body).toMatchObject({ status: 'failed', failureReason: 'AC04' });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'reversal'`,
        [id],
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.outbox WHERE aggregate_id = $1 AND event_type = 'compensation.payout.failed'`,
        [id],
      ),
    ).toBe(1);

    // Now, and only now, the money may go out again.
    const next = await createPayout(p, claimId, 30_000);
    expect(next.status).toBe(201);
  });

  it('R-3.8 the database refuses a confirmation by the requester and keeps the request trail insert-only', async () => {
    const claimId = await claimReadyForPayout(p, 10_000);
    const { id } = await issued(claimId, 10_000);
    await p.officer.post(`/v1/payouts/${id}/fail`, { reason: 'AC04' });
    const { rows } = await db.query(
      `SELECT id FROM compensation.payout_change_requests WHERE payout_id = $1`,
      [id],
    );
    await expect(
      db.query(
        `INSERT INTO compensation.payout_change_decisions (request_id, decision, decided_by) VALUES ($1, 'confirmed', $2)`,
        [rows[0].id, p.officer.sub],
      ),
    ).rejects.toThrow(/confirmed by someone other/);
    await expect(
      db.query(`UPDATE compensation.payout_change_requests SET requested_by = 'x' WHERE id = $1`, [
        rows[0].id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`DELETE FROM compensation.payout_change_requests WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE compensation.payout_change_decisions`)).rejects.toThrow(/append-only/);
  });

  it('R-3.8 under 20 concurrent fail calls and 20 concurrent payout creations the claim still has one credit transfer', async () => {
    const claimId = await claimReadyForPayout(p, 40_000);
    const { id } = await issued(claimId, 40_000);
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => p.officer.post(`/v1/payouts/${id}/fail`, { reason: 'AC04' })),
      ...Array.from({ length: 20 }, () => createPayout(p, claimId, 40_000)),
    ]);
    const fails = results.slice(0, 20);
    expect(fails.every((r) => r.status === 202)).toBe(true);
    expect(fails.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(results.slice(20).every((r) => r.status === 409)).toBe(true);
    expect(
      await count(`SELECT count(*)::int AS n FROM compensation.payouts WHERE claim_id = $1`, [claimId]),
    ).toBe(1);
    expect(await creditTransfers(db, p.approver, claimId)).toBe(1);
  });

  it("R-3.8 the bank's own reports fail or return a payout without a second person: pain.002 RJCT and camt.054", async () => {
    const claimId = await claimReadyForPayout(p, 3_000);
    const a = await issued(claimId, 1_000);
    const b = await issued(claimId, 1_000);
    const c = await issued(claimId, 1_000);
    // a: a pending failure request is overtaken by the bank's rejection.
    await p.officer.post(`/v1/payouts/${a.id}/fail`, { reason: 'typed' });
    const messageId = (await p.officer.get(`/v1/payout-batches/${a.batchId}`)).body.messageId as string;
    const pain002 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>
  <GrpHdr><MsgId>STS-${a.id.slice(0, 8)}</MsgId><CreDtTm>2026-11-26T09:00:00Z</CreDtTm></GrpHdr>
  <OrgnlGrpInfAndSts><OrgnlMsgId>${messageId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId></OrgnlGrpInfAndSts>
  <OrgnlPmtInfAndSts><OrgnlPmtInfId>${messageId}</OrgnlPmtInfId>
    <TxInfAndSts><OrgnlEndToEndId>${a.id.replace(/-/g, '')}</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts>
  </OrgnlPmtInfAndSts>
</CstmrPmtStsRpt></Document>`;
    const rj = await p.officer.post(`/v1/payout-batches/${a.batchId}/pain002`, { document: pain002 });
    expect(rj.body.results).toEqual([{ payoutId: a.id, result: 'applied', status: 'failed' }]);
    expect((await p.officer.get(`/v1/payouts/${a.id}`)).body.changeRequests).toEqual([
      expect.objectContaining({ decision: 'overtaken' }),
    ]);

    // b settled and then returned by the bank; c returned while still sent; a camt.054 names both.
    await p.officer.post(`/v1/payouts/${b.id}/settle`, { bankReference: 'B-1' });
    const e2e = (id: string) => id.replace(/-/g, '');
    const doc = camt054({
      msgId: `NTF-${b.id.slice(0, 8)}`,
      iban: COMPENSATION_TEST_ENV.FUND_DEBTOR_IBAN,
      returns: [
        { e2e: e2e(b.id), amount: '10.00', reason: 'AC06' },
        { e2e: e2e(c.id), amount: '10.00', reason: 'AC04' },
      ],
    });
    const imported = await p.officer.post('/v1/bank-reports/camt054', { document: doc });
    expect(imported.status).toBe(200);
    expect(imported.body.results).toEqual([
      { payoutId: b.id, result: 'applied', status: 'returned' },
      { payoutId: c.id, result: 'applied', status: 'failed' },
    ]);
    const again = await p.officer.post('/v1/bank-reports/camt054', { document: doc });
    expect(again.body.results.map((r: { result: string }) => r.result)).toEqual(['replayed', 'replayed']);
    const kinds = async (id: string) =>
      (
        await db.query(
          `SELECT kind FROM compensation.journal_entries WHERE payout_id = $1 ORDER BY created_at`,
          [id],
        )
      ).rows.map((r) => r.kind);
    expect(await kinds(b.id)).toEqual(['reservation', 'payout', 'reversal']);
    expect(await kinds(c.id)).toEqual(['reservation', 'reversal']);
    expect((await p.officer.get(`/v1/claims/${claimId}`)).body).toMatchObject({
      paidByFundMinor: 0,
      pendingByFundMinor: 0,
      fundPayableMinor: 3_000,
    });
  });

  it('refuses a camt.054 that is not about the Fund, names foreign transfers, has a DTD or a wrong amount', async () => {
    const claimId = await claimReadyForPayout(p, 1_000);
    const { id } = await issued(claimId, 1_000);
    const e2e = id.replace(/-/g, '');
    const post = (document: string) => p.officer.post('/v1/bank-reports/camt054', { document });
    for (const document of [
      camt054({ msgId: 'M1', iban: newIban(), returns: [{ e2e, amount: '10.00' }] }),
      camt054({
        msgId: 'M2',
        iban: COMPENSATION_TEST_ENV.FUND_DEBTOR_IBAN,
        returns: [{ e2e: 'FOREIGN-E2E-1', amount: '10.00' }],
      }),
      '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
      'not xml',
    ]) {
      const res = await post(document);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        type: 'validation-failed',
        errors: [expect.objectContaining({ field: 'document' })],
      });
    }
    const wrongAmount = await post(
      camt054({
        msgId: 'M3',
        iban: COMPENSATION_TEST_ENV.FUND_DEBTOR_IBAN,
        returns: [{ e2e, amount: '9.99' }],
      }),
    );
    expect(wrongAmount.body.results).toEqual([
      { payoutId: id, result: 'refused', status: 'sent', error: 'amount-mismatch' },
    ]);
    const pending = await post(
      camt054({
        msgId: 'M4',
        iban: COMPENSATION_TEST_ENV.FUND_DEBTOR_IBAN,
        returns: [{ e2e, amount: '10.00', status: 'PDNG' }],
      }),
    );
    expect(pending.body.results).toEqual([{ payoutId: id, result: 'pending', status: 'sent' }]);
    expect((await p.coordinator.post('/v1/bank-reports/camt054', { document: 'x' })).status).toBe(403);
  });

  it('R-3.10 before the file is issued one person may still reject a pending payout or cancel an approved one', async () => {
    const claimId = await claimReadyForPayout(p, 2_000);
    const a = await createPayout(p, claimId, 1_000);
    const b = await createPayout(p, claimId, 1_000);
    await p.approver.post(`/v1/payouts/${b.body.id}/approve`);
    const ra = await p.officer.post(`/v1/payouts/${a.body.id}/fail`, { reason: 'wrong amount' });
    const rb = await p.officer.post(`/v1/payouts/${b.body.id}/fail`, { reason: 'victim chose cash' });
    expect([ra.status, ra.body.status, rb.status, rb.body.status]).toEqual([200, 'failed', 200, 'failed']);
    expect((await p.officer.post(`/v1/payouts/${a.body.id}/fail/confirm`)).status).toBe(403);
    expect((await p.approver.post(`/v1/payouts/${a.body.id}/fail/confirm`)).body.type).toBe(
      'no-change-request',
    );
  });
});
