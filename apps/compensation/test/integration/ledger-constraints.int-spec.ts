import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import { startCompensation } from '../support/compensation.js';

/**
 * What the database itself guarantees about the Fund's ledger, whatever the application does:
 * double entry, no overdraft, an append-only journal, one posting of each kind per payout.
 */
describe('ledger constraints in Postgres (integration)', () => {
  let svc: TestService<CompensationConfig>;
  let db: pg.Client;
  beforeAll(async () => {
    svc = await startCompensation(); // migrates the schema
    db = new pg.Client({ connectionString: testEnv().serviceDatabaseUrl('compensation') });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await svc?.close();
  });

  async function inTx(work: () => Promise<unknown>): Promise<unknown> {
    await db.query('BEGIN');
    try {
      await work();
      await db.query('COMMIT');
      return undefined;
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      return err;
    }
  }

  const entry = async (id: string, reference = randomUUID()) =>
    db.query(
      `INSERT INTO compensation.journal_entries (id, kind, source, reference, created_by) VALUES ($1, 'inflow', 'other', $2, 'test')`,
      [id, reference],
    );
  const line = (entryId: string, account: string, amount: number) =>
    db.query(
      `INSERT INTO compensation.journal_lines (entry_id, account_code, amount_minor) VALUES ($1, $2, $3)`,
      [entryId, account, amount],
    );

  it('R-6.7 refuses at commit a journal entry whose lines do not sum to zero', async () => {
    const id = randomUUID();
    const err = (await inTx(async () => {
      await entry(id);
      await line(id, 'fund:available', 100);
      await line(id, 'income:other', -99);
    })) as { code?: string; constraint?: string };
    expect(err?.code).toBe('23514');
    expect(err.constraint).toBe('journal_entry_balanced');
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM compensation.journal_entries WHERE id = $1`,
      [id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('R-6.7 refuses a one-sided entry', async () => {
    const id = randomUUID();
    const err = (await inTx(async () => {
      await entry(id);
      await line(id, 'fund:available', 0 + 1);
    })) as { code?: string };
    expect(err?.code).toBe('23514');
  });

  it("R-6.7 refuses any posting that would take the Fund's available money below zero", async () => {
    const id = randomUUID();
    const err = (await inTx(async () => {
      await entry(id);
      await line(id, 'fund:available', -1_000_000_000_000_000);
      await line(id, 'income:other', 1_000_000_000_000_000);
    })) as { code?: string; constraint?: string };
    expect(err?.code).toBe('23514');
    expect(err.constraint).toBe('ledger_accounts_fund_non_negative');
  });

  it('R-6.7 keeps the journal append-only', async () => {
    const id = randomUUID();
    expect(
      await inTx(async () => {
        await entry(id);
        await line(id, 'fund:available', 7);
        await line(id, 'income:other', -7);
      }),
    ).toBeUndefined();
    expect(
      await inTx(() =>
        db.query(`UPDATE compensation.journal_lines SET amount_minor = 8 WHERE entry_id = $1`, [id]),
      ),
    ).toBeInstanceOf(Error);
    expect(
      await inTx(() => db.query(`DELETE FROM compensation.journal_lines WHERE entry_id = $1`, [id])),
    ).toBeInstanceOf(Error);
    expect(
      await inTx(() => db.query(`DELETE FROM compensation.journal_entries WHERE id = $1`, [id])),
    ).toBeInstanceOf(Error);
  });

  it('R-3.10 refuses a payout approved by its maker, even written directly', async () => {
    const err = (await inTx(async () => {
      const claim = randomUUID();
      await db.query(
        `INSERT INTO compensation.claims (id, victim_ref, case_number, claimed_material_minor, claimed_moral_minor, created_by) VALUES ($1, 'v_direct000', $2, 0, 0, 'o')`,
        [claim, randomUUID()],
      );
      await db.query(
        `INSERT INTO compensation.payouts (id, claim_id, victim_ref, amount_minor, method, status, beneficiary_name_enc, idempotency_key, created_by, approved_by)
         VALUES ($1, $2, 'v_direct000', 1, 'cash', 'approved', 'x', 'k', 'same', 'same')`,
        [randomUUID(), claim],
      );
    })) as { constraint?: string };
    expect(err.constraint).toBe('payouts_maker_checker');
  });
});
