import pg from 'pg';
import { testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import {
  claimReadyForPayout,
  createPayout,
  people,
  startCompensation,
  unique,
  type People,
} from '../support/compensation.js';

/**
 * The Fund's ledger. Other test files share the Fund's accounts and run in parallel, so these tests
 * assert on their own entries and on identities that hold whatever else happens, and use amounts far
 * larger than any other test's where the balance itself matters.
 */
describe("the Assistance Fund's ledger (e2e)", () => {
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

  it('R-6.7 records inflows from the state budget and other sources as balanced entries', async () => {
    const before = await p.officer.get('/v1/fund/balance');
    const reference = unique('MOF');
    const res = await p.officer.post('/v1/fund/inflows', {
      source: 'state_budget',
      amountMinor: 1_000_000,
      reference,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      source: 'state_budget',
      amountMinor: 1_000_000,
      currency: 'AZN',
      reference,
    });
    const other = await p.officer.post('/v1/fund/inflows', {
      source: 'other',
      amountMinor: 5_000,
      reference: unique('DON'),
    });
    expect(other.status).toBe(201);
    const lines = await db.query(
      `SELECT account_code, amount_minor::bigint AS a FROM compensation.journal_lines WHERE entry_id = $1 ORDER BY account_code`,
      [res.body.id],
    );
    expect(lines.rows).toEqual([
      { account_code: 'fund:available', a: '1000000' },
      { account_code: 'income:state_budget', a: '-1000000' },
    ]);
    const after = await p.officer.get('/v1/fund/balance');
    expect(after.body.currency).toBe('AZN');
    expect(
      after.body.receivedMinor.state_budget - before.body.receivedMinor.state_budget,
    ).toBeGreaterThanOrEqual(1_000_000);
    const retry = await p.officer.post('/v1/fund/inflows', {
      source: 'state_budget',
      amountMinor: 1_000_000,
      reference,
    });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(res.body.id);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE reference = $1`,
      [reference],
    );
    expect(rows[0].n).toBe(1);
    const dup = await p.officer.post('/v1/fund/inflows', {
      source: 'state_budget',
      amountMinor: 1,
      reference,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toBe('inflow-exists');
  });

  it('R-3.2 records a grant (e.g. obtained by the National Coordinator for legal aid) on its own income account', async () => {
    const res = await p.officer.post('/v1/fund/inflows', {
      source: 'grant',
      amountMinor: 250_000,
      reference: unique('CABMIN-GRANT'),
    });
    expect(res.status).toBe(201);
    const lines = await db.query(
      `SELECT account_code FROM compensation.journal_lines WHERE entry_id = $1 ORDER BY account_code`,
      [res.body.id],
    );
    expect(lines.rows.map((r) => r.account_code)).toEqual(['fund:available', 'income:grant']);
    const balance = await p.coordinator.get('/v1/fund/balance');
    expect(balance.status).toBe(200);
    expect(balance.body.receivedMinor.grant).toBeGreaterThanOrEqual(250_000);
  });

  it('R-6.7 keeps every account balance equal to the sum of its journal lines, and the journal balanced', async () => {
    const { rows } = await db.query(`
      SELECT a.code, a.balance_minor::bigint AS balance, coalesce(sum(l.amount_minor), 0)::bigint AS lines
        FROM compensation.ledger_accounts a LEFT JOIN compensation.journal_lines l ON l.account_code = a.code
       GROUP BY a.code, a.balance_minor`);
    for (const r of rows) expect(r.balance).toBe(r.lines);
    const unbalanced = await db.query(
      `SELECT entry_id FROM compensation.journal_lines GROUP BY entry_id HAVING sum(amount_minor) <> 0`,
    );
    expect(unbalanced.rows).toEqual([]);
  });

  it('R-6.7 never lets the available balance go below zero, also under concurrent approvals (409 insufficient-funds)', async () => {
    // 10^11 qəpik (1 bn AZN) per payout: more than all other tests' money together, so exactly two fit.
    const big = 100_000_000_000;
    const claimIds = await Promise.all(
      Array.from({ length: 5 }, () => claimReadyForPayout(p, big, { topUp: false })),
    );
    const payouts = await Promise.all(claimIds.map((id) => createPayout(p, id, big)));
    await p.officer.post('/v1/fund/inflows', {
      source: 'state_budget',
      amountMinor: big * 2 + big / 2,
      reference: unique('BIG'),
    });
    const results = await Promise.all(
      payouts.map((po) => p.approver.post(`/v1/payouts/${po.body.id}/approve`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.body.type).toBe('insufficient-funds');
    const balance = await p.officer.get('/v1/fund/balance');
    expect(balance.body.availableMinor).toBeGreaterThanOrEqual(0);
    // The refused payouts stay pending, with no ledger entry.
    const pending = await Promise.all(payouts.map((po) => p.officer.get(`/v1/payouts/${po.body.id}`)));
    expect(pending.filter((r) => r.body.status === 'pending_approval')).toHaveLength(3);
    // Release the two reservations so that later tests are not starved.
    for (const po of pending.filter((r) => r.body.status === 'approved')) {
      expect(
        (await p.approver.post(`/v1/payouts/${po.body.id}/fail`, { reason: 'test cleanup' })).body.status,
      ).toBe('failed');
    }
  });

  it('R-6.7 shows reservations on approval and payments on settlement in the balance and the statement', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const claimId = await claimReadyForPayout(p, 77_700);
    const created = await createPayout(p, claimId, 77_700);
    await p.approver.post(`/v1/payouts/${created.body.id}/approve`);
    await p.officer.post('/v1/payout-batches', { payoutIds: [created.body.id] });
    await p.officer.post(`/v1/payouts/${created.body.id}/settle`, { bankReference: unique('B') });
    const to = new Date(Date.now() + 1000).toISOString();
    // The statement lists entries per payout: the Fund's own staff only, never the coordinator.
    expect((await p.coordinator.get(`/v1/fund/statement?from=${from}&to=${to}`)).status).toBe(403);
    const st = await p.approver.get(`/v1/fund/statement?from=${from}&to=${to}`);
    expect(st.status).toBe(200);
    expect(st.body.currency).toBe('AZN');
    const mine = st.body.entries.filter((e: { payoutId?: string }) => e.payoutId === created.body.id);
    expect(mine.map((e: { kind: string }) => e.kind)).toEqual(['reservation', 'payout']);
    expect(mine[0].lines).toEqual([
      { account: 'fund:available', amountMinor: -77_700 },
      { account: 'fund:reserved', amountMinor: 77_700 },
    ]);
    for (const a of st.body.accounts)
      expect(a.closingMinor).toBe(a.openingMinor + a.debitsMinor - a.creditsMinor);
    const available = st.body.accounts.find((a: { account: string }) => a.account === 'fund:available');
    expect(available.creditsMinor).toBeGreaterThanOrEqual(77_700);
    // No names, no IBANs anywhere in a statement.
    expect(st.text).not.toMatch(/AZ\d\d[A-Z]{4}/);
  });

  it('validates statement periods and amounts, and keeps the ledger to fund roles', async () => {
    expect(
      (await p.officer.get('/v1/fund/statement?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z')).status,
    ).toBe(400);
    expect((await p.officer.get('/v1/fund/statement?from=yesterday&to=2026-11-01T00:00:00Z')).status).toBe(
      400,
    );
    expect(
      (await p.officer.get('/v1/fund/statement?from=2020-01-01T00:00:00Z&to=2026-11-01T00:00:00Z')).status,
    ).toBe(400);
    expect(
      (await p.officer.post('/v1/fund/inflows', { source: 'lottery', amountMinor: 1, reference: 'x' }))
        .status,
    ).toBe(400);
    expect(
      (await p.officer.post('/v1/fund/inflows', { source: 'grant', amountMinor: 0, reference: 'x' })).status,
    ).toBe(400);
    expect(
      (await p.officer.post('/v1/fund/inflows', { source: 'grant', amountMinor: '100', reference: 'x' }))
        .status,
    ).toBe(400);
    expect(
      (
        await p.coordinator.post('/v1/fund/inflows', {
          source: 'grant',
          amountMinor: 1,
          reference: unique('x'),
        })
      ).status,
    ).toBe(403);
    expect((await p.admin.get('/v1/fund/balance')).status).toBe(403);
    expect((await p.agency.get('/v1/fund/balance')).status).toBe(403);
  });
});
