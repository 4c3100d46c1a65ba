import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts (R-3.10) with their state history, bank batches and the log of who read beneficiaries'
 * payment data. Beneficiary name, IBAN and identity document are stored encrypted (see
 * PaymentDataCipher). Constraints hold what must never happen: a maker approving their own payout,
 * a retry creating a second payout, a state reached twice, a cash payout in a bank batch.
 */
export class CreatePayouts1764200001000 implements MigrationInterface {
  name = 'CreatePayouts1764200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "compensation".payout_batches (
        id uuid PRIMARY KEY,
        message_id varchar(35) NOT NULL UNIQUE,
        payout_count int NOT NULL CHECK (payout_count > 0),
        control_sum_minor bigint NOT NULL CHECK (control_sum_minor > 0),
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE "compensation".payouts (
        id uuid PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES "compensation".claims (id),
        victim_ref varchar(64) NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL DEFAULT 'AZN' CHECK (currency = 'AZN'),
        method varchar(20) NOT NULL CHECK (method IN ('bank_transfer', 'cash')),
        status varchar(20) NOT NULL
          CHECK (status IN ('pending_approval', 'approved', 'sent', 'settled', 'failed', 'returned', 'disbursed')),
        beneficiary_name_enc text NOT NULL,
        iban_enc text NULL,
        idempotency_key varchar(200) NOT NULL,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        approved_by varchar(100) NULL,
        approved_at timestamptz NULL,
        batch_id uuid NULL REFERENCES "compensation".payout_batches (id),
        bank_reference varchar(100) NULL,
        failure_reason varchar(200) NULL,
        receipt_number varchar(64) NULL,
        identity_document_enc text NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payouts_idempotency_uq UNIQUE (created_by, idempotency_key),
        CONSTRAINT payouts_receipt_number_uq UNIQUE (receipt_number),
        CONSTRAINT payouts_maker_checker CHECK (approved_by IS NULL OR approved_by <> created_by),
        CONSTRAINT payouts_iban_iff_bank CHECK ((method = 'bank_transfer') = (iban_enc IS NOT NULL)),
        CONSTRAINT payouts_bank_states CHECK (method = 'bank_transfer' OR (status NOT IN ('sent', 'settled', 'returned') AND batch_id IS NULL)),
        CONSTRAINT payouts_cash_states CHECK (method = 'cash' OR status <> 'disbursed'),
        CONSTRAINT payouts_disbursement_recorded CHECK (status <> 'disbursed' OR (receipt_number IS NOT NULL AND identity_document_enc IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX payouts_claim_idx ON "compensation".payouts (claim_id)`);
    await q.query(
      `CREATE INDEX payouts_batch_idx ON "compensation".payouts (batch_id) WHERE batch_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE "compensation".payout_transitions (
        id bigserial PRIMARY KEY,
        payout_id uuid NOT NULL REFERENCES "compensation".payouts (id),
        from_status varchar(20) NULL,
        to_status varchar(20) NOT NULL,
        actor varchar(100) NOT NULL,
        note varchar(200) NULL,
        at timestamptz NOT NULL DEFAULT now(),
        -- The state machine has no cycles: each state is entered at most once.
        CONSTRAINT payout_transitions_once UNIQUE (payout_id, to_status)
      )`);
    await q.query(`
      CREATE TABLE "compensation".payment_data_access (
        id bigserial PRIMARY KEY,
        subject_kind varchar(20) NOT NULL CHECK (subject_kind IN ('payout_batch', 'payout_receipt', 'payout_details')),
        subject_id uuid NOT NULL,
        actor varchar(100) NOT NULL,
        actor_role varchar(40) NOT NULL,
        actor_org varchar(64) NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX payment_data_access_subject_idx ON "compensation".payment_data_access (subject_kind, subject_id)`,
    );
    await q.query(`
      ALTER TABLE "compensation".journal_entries
        ADD CONSTRAINT journal_entries_payout_fk FOREIGN KEY (payout_id) REFERENCES "compensation".payouts (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "compensation".journal_entries DROP CONSTRAINT journal_entries_payout_fk`);
    await q.query(`DROP TABLE "compensation".payment_data_access`);
    await q.query(`DROP TABLE "compensation".payout_transitions`);
    await q.query(`DROP TABLE "compensation".payouts`);
    await q.query(`DROP TABLE "compensation".payout_batches`);
  }
}
