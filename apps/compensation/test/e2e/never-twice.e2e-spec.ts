import pg from 'pg';
import { testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import {
  Caller,
  claimReadyForPayout,
  createPayout,
  people,
  startCompensation,
  type People,
} from '../support/compensation.js';

/**
 * Never twice: 50 concurrent approvals and then 50 concurrent settlements of the same payout.
 * Documented behaviour: the first approval wins; repeats by the approver who won answer 200 with
 * `Idempotent-Replayed: true` and have no effect; approvals by anyone else are 409. Likewise a
 * settlement with the winning bank reference is a 200 replay; one with another reference is 409.
 */
describe('a payout is paid exactly once (e2e)', () => {
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

  const count = async (sql: string, id: string) => (await db.query(sql, [id])).rows[0].n as number;

  it('R-3.10 fires 50 concurrent approvals and 50 concurrent settlements: one approval, one reservation, one payment', async () => {
    const claimId = await claimReadyForPayout(p, 12_345);
    const created = await createPayout(p, claimId, 12_345);
    const id = created.body.id as string;
    const approvers = Array.from(
      { length: 5 },
      (_, i) => new Caller(svc.url, 'fund_approver', `${p.approver.sub}-${i}`, 'FUND'),
    );

    const approvals = await Promise.all(
      Array.from({ length: 50 }, (_, i) => approvers[i % 5].post(`/v1/payouts/${id}/approve`)),
    );
    const ok = approvals.filter((r) => r.status === 200);
    const winners = new Set(ok.map((r) => r.body.approvedBy as string));
    expect(winners.size).toBe(1);
    expect(ok).toHaveLength(10); // the winner's ten requests: one took effect, nine were replays
    expect(ok.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(approvals.filter((r) => r.status === 409)).toHaveLength(40);
    expect(approvals.every((r) => r.status === 200 || r.status === 409)).toBe(true);

    const batch = await p.officer.post('/v1/payout-batches', { payoutIds: [id] });
    expect(batch.status).toBe(201);

    const settlements = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? p.officer : p.officer2).post(`/v1/payouts/${id}/settle`, {
          bankReference: `REF-${i % 2}`,
        }),
      ),
    );
    const settledOk = settlements.filter((r) => r.status === 200);
    expect(new Set(settledOk.map((r) => r.body.bankReference as string)).size).toBe(1);
    expect(settledOk).toHaveLength(25);
    expect(settledOk.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(settlements.filter((r) => r.status === 409)).toHaveLength(25);

    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'reservation'`,
        id,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'payout'`,
        id,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.payout_transitions WHERE payout_id = $1 AND to_status = 'approved'`,
        id,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.payout_transitions WHERE payout_id = $1 AND to_status = 'settled'`,
        id,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.outbox WHERE aggregate_id = $1 AND event_type = 'compensation.payout.approved'`,
        id,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.outbox WHERE aggregate_id = $1 AND event_type = 'compensation.payout.settled'`,
        id,
      ),
    ).toBe(1);
    const claim = await p.officer.get(`/v1/claims/${claimId}`);
    expect(claim.body).toMatchObject({ paidByFundMinor: 12_345, pendingByFundMinor: 0 });
  });

  it('R-3.10 a double-clicked cash disbursement pays once', async () => {
    const claimId = await claimReadyForPayout(p, 500);
    const created = await createPayout(p, claimId, 500, 'cash');
    await p.approver.post(`/v1/payouts/${created.body.id}/approve`);
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        p.officer.post(`/v1/payouts/${created.body.id}/cash-disbursement`, {
          receiptNumber: `R-${created.body.id.slice(0, 8)}-${i % 2}`,
          identityDocument: 'ID 1',
        }),
      ),
    );
    expect(clicks.filter((r) => r.status === 200)).toHaveLength(10);
    expect(clicks.filter((r) => r.status === 409)).toHaveLength(10);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE payout_id = $1 AND kind = 'payout'`,
        created.body.id,
      ),
    ).toBe(1);
  });

  it('R-3.10 a payout goes into one bank batch only, however many are created at once', async () => {
    const claimId = await claimReadyForPayout(p, 800);
    const created = await createPayout(p, claimId, 800);
    await p.approver.post(`/v1/payouts/${created.body.id}/approve`);
    const batches = await Promise.all(
      Array.from({ length: 10 }, () =>
        p.officer.post('/v1/payout-batches', { payoutIds: [created.body.id] }),
      ),
    );
    expect(batches.filter((r) => r.status === 201)).toHaveLength(1);
    expect(batches.filter((r) => r.status === 409)).toHaveLength(9);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM compensation.payout_transitions WHERE payout_id = $1 AND to_status = 'sent'`,
        created.body.id,
      ),
    ).toBe(1);
  });

  it('R-3.8 concurrent payout requests on one claim never exceed what the Fund may pay', async () => {
    const claimId = await claimReadyForPayout(p, 10_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => createPayout(p, claimId, 4_000)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(8);
    for (const r of refused) expect(r.body.type).toBe('exceeds-fund-liability');
    const claim = await p.officer.get(`/v1/claims/${claimId}`);
    expect(claim.body).toMatchObject({ pendingByFundMinor: 8_000, fundPayableMinor: 2_000 });
  });
});
