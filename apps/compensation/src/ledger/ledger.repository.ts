import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toNumber } from '../common/bigint.transformer.js';
import type { PostingLine } from './ledger-postings.js';
import { ACCOUNTS, type AccountCode, type EntryKind, type InflowSource } from './ledger.entities.js';

export interface StatementEntryRow {
  id: string;
  kind: EntryKind;
  payoutId: string | null;
  source: InflowSource | null;
  reference: string | null;
  createdBy: string;
  createdAt: Date;
  lines: { account: AccountCode; amountMinor: number }[];
}

/** Queries of the Fund's ledger. */
@Injectable()
export class LedgerRepository {
  /** Locks the Fund's available balance row and returns it: approvals serialise here. */
  async lockAvailable(em: EntityManager): Promise<number> {
    const [row] = await em.query<{ balance_minor: string }[]>(
      `SELECT balance_minor FROM "compensation".ledger_accounts WHERE code = $1 FOR UPDATE`,
      [ACCOUNTS.available],
    );
    return toNumber(row?.balance_minor);
  }

  /** Writes an entry and its lines; the triggers move the balances and check the entry balances. */
  async post(
    em: EntityManager,
    entry: {
      id: string;
      kind: EntryKind;
      payoutId?: string;
      source?: InflowSource;
      reference?: string;
      createdBy: string;
    },
    lines: PostingLine[],
  ): Promise<void> {
    await em.query(
      `INSERT INTO "compensation".journal_entries (id, kind, payout_id, source, reference, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.id,
        entry.kind,
        entry.payoutId ?? null,
        entry.source ?? null,
        entry.reference ?? null,
        entry.createdBy,
      ],
    );
    const values: unknown[] = [];
    const tuples = lines.map((l, i) => {
      values.push(entry.id, l.account, l.amountMinor);
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
    });
    // Inserted in the given order (account-code order), so account row locks are always taken in the same order.
    await em.query(
      `INSERT INTO "compensation".journal_lines (entry_id, account_code, amount_minor) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /** An inflow by its source and reference, with its amount (its debit to available money). */
  async findInflow(
    em: EntityManager,
    source: InflowSource,
    reference: string,
  ): Promise<{ id: string; amountMinor: number; createdBy: string } | undefined> {
    const [row] = await em.query<{ id: string; amount: string; created_by: string }[]>(
      `SELECT e.id, e.created_by, l.amount_minor AS amount
         FROM "compensation".journal_entries e JOIN "compensation".journal_lines l ON l.entry_id = e.id AND l.account_code = $3
        WHERE e.kind = 'inflow' AND e.source = $1 AND e.reference = $2`,
      [source, reference, ACCOUNTS.available],
    );
    return row ? { id: row.id, amountMinor: toNumber(row.amount), createdBy: row.created_by } : undefined;
  }

  async balances(em: EntityManager): Promise<Map<AccountCode, number>> {
    const rows = await em.query<{ code: AccountCode; balance_minor: string }[]>(
      `SELECT code, balance_minor FROM "compensation".ledger_accounts`,
    );
    return new Map(rows.map((r) => [r.code, toNumber(r.balance_minor)]));
  }

  /** Sum of each account's lines posted before `at` (balances at that instant). */
  async balancesAt(em: EntityManager, at: Date): Promise<Map<AccountCode, number>> {
    const rows = await em.query<{ code: AccountCode; total: string }[]>(
      `SELECT l.account_code AS code, sum(l.amount_minor) AS total
         FROM "compensation".journal_lines l JOIN "compensation".journal_entries e ON e.id = l.entry_id
        WHERE e.created_at < $1 GROUP BY l.account_code`,
      [at],
    );
    return new Map(rows.map((r) => [r.code, toNumber(r.total)]));
  }

  /** Per account, the debits (positive) and credits (negative) posted in `[from, to)`. */
  async movements(
    em: EntityManager,
    from: Date,
    to: Date,
  ): Promise<Map<AccountCode, { debits: number; credits: number }>> {
    const rows = await em.query<{ code: AccountCode; debits: string; credits: string }[]>(
      `SELECT l.account_code AS code,
              coalesce(sum(l.amount_minor) FILTER (WHERE l.amount_minor > 0), 0) AS debits,
              coalesce(-sum(l.amount_minor) FILTER (WHERE l.amount_minor < 0), 0) AS credits
         FROM "compensation".journal_lines l JOIN "compensation".journal_entries e ON e.id = l.entry_id
        WHERE e.created_at >= $1 AND e.created_at < $2 GROUP BY l.account_code`,
      [from, to],
    );
    return new Map(rows.map((r) => [r.code, { debits: toNumber(r.debits), credits: toNumber(r.credits) }]));
  }

  /** Entries of `[from, to)` in posting order, at most `limit`, with their lines. */
  async entries(em: EntityManager, from: Date, to: Date, limit: number): Promise<StatementEntryRow[]> {
    const rows = await em.query<
      {
        id: string;
        kind: EntryKind;
        payout_id: string | null;
        source: InflowSource | null;
        reference: string | null;
        created_by: string;
        created_at: Date;
        lines: { account: AccountCode; amountMinor: string }[];
      }[]
    >(
      `SELECT e.id, e.kind, e.payout_id, e.source, e.reference, e.created_by, e.created_at,
              (SELECT json_agg(json_build_object('account', l.account_code, 'amountMinor', l.amount_minor::text) ORDER BY l.id)
                 FROM "compensation".journal_lines l WHERE l.entry_id = e.id) AS lines
         FROM "compensation".journal_entries e
        WHERE e.created_at >= $1 AND e.created_at < $2
        ORDER BY e.created_at, e.id
        LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      payoutId: r.payout_id,
      source: r.source,
      reference: r.reference,
      createdBy: r.created_by,
      createdAt: r.created_at,
      lines: r.lines.map((l) => ({ account: l.account, amountMinor: toNumber(l.amountMinor) })),
    }));
  }
}
