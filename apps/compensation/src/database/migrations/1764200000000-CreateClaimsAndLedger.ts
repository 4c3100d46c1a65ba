import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims, court decisions and recoveries, and the Assistance Fund's double-entry
 * ledger: accounts with balances kept by trigger, immutable journal entries whose lines
 * must sum to zero (checked at commit), and a CHECK that the Fund's available and reserved money never
 * goes below zero, so that concurrent approvals can never overdraw it.
 */
export class CreateClaimsAndLedger1764200000000 implements MigrationInterface {
  name = 'CreateClaimsAndLedger1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "compensation".claims (
        id uuid PRIMARY KEY,
        victim_ref varchar(64) NOT NULL,
        case_number varchar(64) NOT NULL,
        claimed_material_minor bigint NOT NULL CHECK (claimed_material_minor >= 0),
        claimed_moral_minor bigint NOT NULL CHECK (claimed_moral_minor >= 0),
        currency char(3) NOT NULL DEFAULT 'AZN' CHECK (currency = 'AZN'),
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claims_victim_case_uq UNIQUE (victim_ref, case_number)
      )`);
    await q.query(`
      CREATE TABLE "compensation".court_decisions (
        id uuid PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES "compensation".claims (id),
        court varchar(200) NOT NULL,
        decision_number varchar(100) NOT NULL,
        decided_at date NOT NULL,
        awarded_minor bigint NOT NULL CHECK (awarded_minor >= 0),
        fund_payment_ordered boolean NOT NULL,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT court_decisions_claim_number_uq UNIQUE (claim_id, court, decision_number)
      )`);
    await q.query(`
      CREATE TABLE "compensation".recoveries (
        id uuid PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES "compensation".claims (id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        reference varchar(100) NOT NULL,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recoveries_claim_reference_uq UNIQUE (claim_id, reference)
      )`);

    await q.query(`
      CREATE TABLE "compensation".ledger_accounts (
        code varchar(40) PRIMARY KEY,
        kind varchar(10) NOT NULL CHECK (kind IN ('asset', 'income', 'expense')),
        balance_minor bigint NOT NULL DEFAULT 0,
        currency char(3) NOT NULL DEFAULT 'AZN' CHECK (currency = 'AZN'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_accounts_fund_non_negative
          CHECK (code NOT IN ('fund:available', 'fund:reserved') OR balance_minor >= 0)
      )`);
    // Debits are positive, credits negative: assets and expenses carry positive balances, income
    // accounts negative ones. Account codes are stored forever: never rename.
    await q.query(`
      INSERT INTO "compensation".ledger_accounts (code, kind) VALUES
        ('fund:available', 'asset'), ('fund:reserved', 'asset'), ('payouts:paid', 'expense'),
        ('income:state_budget', 'income'), ('income:grant', 'income'), ('income:other', 'income')`);
    await q.query(`
      CREATE TABLE "compensation".journal_entries (
        id uuid PRIMARY KEY,
        kind varchar(20) NOT NULL CHECK (kind IN ('inflow', 'reservation', 'payout', 'reversal')),
        payout_id uuid NULL,
        source varchar(20) NULL CHECK (source IN ('state_budget', 'grant', 'other')),
        reference varchar(100) NULL,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT journal_entries_inflow_shape CHECK (
          (kind = 'inflow' AND payout_id IS NULL AND source IS NOT NULL AND reference IS NOT NULL)
          OR (kind <> 'inflow' AND payout_id IS NOT NULL AND source IS NULL))
      )`);
    // One reservation, one payout and one reversal per payout at most: the ledger side of "never twice".
    await q.query(
      `CREATE UNIQUE INDEX journal_entries_payout_kind_uq ON "compensation".journal_entries (payout_id, kind) WHERE payout_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX journal_entries_inflow_reference_uq ON "compensation".journal_entries (source, reference) WHERE kind = 'inflow'`,
    );
    await q.query(
      `CREATE INDEX journal_entries_created_at_idx ON "compensation".journal_entries (created_at)`,
    );
    await q.query(`
      CREATE TABLE "compensation".journal_lines (
        id bigserial PRIMARY KEY,
        entry_id uuid NOT NULL REFERENCES "compensation".journal_entries (id),
        account_code varchar(40) NOT NULL REFERENCES "compensation".ledger_accounts (code),
        amount_minor bigint NOT NULL CHECK (amount_minor <> 0)
      )`);
    await q.query(`CREATE INDEX journal_lines_entry_idx ON "compensation".journal_lines (entry_id)`);

    // Every line moves its account's balance in the same transaction. The row update takes the
    // account's row lock, so concurrent postings serialise per account, and the CHECK above refuses
    // any posting that would take the Fund below zero.
    await q.query(`
      CREATE FUNCTION "compensation".apply_journal_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "compensation".ledger_accounts
           SET balance_minor = balance_minor + NEW.amount_minor, updated_at = now()
         WHERE code = NEW.account_code;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_lines_apply AFTER INSERT ON "compensation".journal_lines
        FOR EACH ROW EXECUTE FUNCTION "compensation".apply_journal_line()`);
    // Double entry: checked at commit, once all lines of the entry are in.
    await q.query(`
      CREATE FUNCTION "compensation".assert_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total bigint; n int;
      BEGIN
        SELECT coalesce(sum(amount_minor), 0), count(*) INTO total, n
          FROM "compensation".journal_lines WHERE entry_id = NEW.entry_id;
        IF total <> 0 OR n < 2 THEN
          RAISE EXCEPTION 'journal entry % does not balance (sum %, % lines)', NEW.entry_id, total, n
            USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON "compensation".journal_lines
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "compensation".assert_entry_balanced()`);
    // The journal is append-only: corrections are new (reversal) entries.
    await q.query(`
      CREATE FUNCTION "compensation".refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the journal is append-only' USING ERRCODE = '42501';
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON "compensation".journal_entries
        FOR EACH ROW EXECUTE FUNCTION "compensation".refuse_journal_change()`);
    await q.query(`
      CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON "compensation".journal_lines
        FOR EACH ROW EXECUTE FUNCTION "compensation".refuse_journal_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "compensation".journal_lines`);
    await q.query(`DROP TABLE "compensation".journal_entries`);
    await q.query(`DROP FUNCTION "compensation".refuse_journal_change()`);
    await q.query(`DROP FUNCTION "compensation".assert_entry_balanced()`);
    await q.query(`DROP FUNCTION "compensation".apply_journal_line()`);
    await q.query(`DROP TABLE "compensation".ledger_accounts`);
    await q.query(`DROP TABLE "compensation".recoveries`);
    await q.query(`DROP TABLE "compensation".court_decisions`);
    await q.query(`DROP TABLE "compensation".claims`);
  }
}
