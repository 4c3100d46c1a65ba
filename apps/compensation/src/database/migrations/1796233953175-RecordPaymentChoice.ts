import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * a payout records that its method was the victim's choice, who recorded that and when; a
 * bank transfer to a foreign account carries the creditor bank's BIC (ISO 9362). Payouts made before
 * this migration have no recorded choice (NULL); every new one must have it.
 */
export class RecordPaymentChoice1796233953175 implements MigrationInterface {
  name = 'RecordPaymentChoice1796233953175';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "compensation".payouts
        ADD COLUMN bic varchar(11) NULL CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        ADD COLUMN method_chosen_by varchar(10) NULL CHECK (method_chosen_by = 'victim'),
        ADD COLUMN method_recorded_by varchar(100) NULL,
        ADD COLUMN method_recorded_at timestamptz NULL,
        ADD CONSTRAINT payouts_bic_only_bank CHECK (bic IS NULL OR method = 'bank_transfer'),
        ADD CONSTRAINT payouts_choice_recorded CHECK ((method_chosen_by IS NULL) = (method_recorded_by IS NULL AND method_recorded_at IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "compensation".payouts
        DROP CONSTRAINT payouts_choice_recorded,
        DROP CONSTRAINT payouts_bic_only_bank,
        DROP COLUMN method_recorded_at,
        DROP COLUMN method_recorded_by,
        DROP COLUMN method_chosen_by,
        DROP COLUMN bic`);
  }
}
