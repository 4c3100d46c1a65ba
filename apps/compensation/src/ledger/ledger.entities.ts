import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../common/bigint.transformer.js';

/** Account codes of the Fund's ledger. Stored in the database: never rename. */
export const ACCOUNTS = {
  available: 'fund:available',
  reserved: 'fund:reserved',
  paid: 'payouts:paid',
  stateBudget: 'income:state_budget',
  grant: 'income:grant',
  other: 'income:other',
} as const;
export type AccountCode = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

/** A ledger account; its balance is kept by a trigger on journal lines (debits positive). */
@Entity({ name: 'ledger_accounts' })
export class LedgerAccount {
  @PrimaryColumn('varchar') code!: AccountCode;
  @Column({ type: 'varchar' }) kind!: 'asset' | 'income' | 'expense';
  @Column({ name: 'balance_minor', type: 'bigint', transformer: bigintNumber }) balanceMinor!: number;
  @Column({ type: 'char', length: 3 }) currency!: 'AZN';
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const ENTRY_KINDS = ['inflow', 'reservation', 'payout', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const INFLOW_SOURCES = ['state_budget', 'grant', 'other'] as const;
export type InflowSource = (typeof INFLOW_SOURCES)[number];

/** One balanced, immutable posting of the journal. */
@Entity({ name: 'journal_entries' })
export class JournalEntry {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) kind!: EntryKind;
  @Column({ name: 'payout_id', type: 'uuid', nullable: true }) payoutId!: string | null;
  @Column({ type: 'varchar', nullable: true }) source!: InflowSource | null;
  @Column({ type: 'varchar', nullable: true }) reference!: string | null;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One side of a posting: a signed amount on one account. */
@Entity({ name: 'journal_lines' })
export class JournalLine {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ name: 'account_code', type: 'varchar' }) accountCode!: AccountCode;
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintNumber }) amountMinor!: number;
}
