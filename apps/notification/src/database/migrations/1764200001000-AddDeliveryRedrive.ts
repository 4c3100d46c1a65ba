import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets an operator re-drive a failed delivery: `attempts_before_redrive` is the attempt count at the
 * last re-drive, so the delivery gets a fresh budget of attempts while attempt numbers keep growing
 * (the log keeps every earlier attempt).
 */
export class AddDeliveryRedrive1764200001000 implements MigrationInterface {
  name = 'AddDeliveryRedrive1764200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "notification".deliveries
        ADD COLUMN attempts_before_redrive integer NOT NULL DEFAULT 0,
        ADD COLUMN redriven_at timestamptz,
        ADD COLUMN redriven_by text,
        ADD CONSTRAINT deliveries_redrive_check CHECK (attempts_before_redrive BETWEEN 0 AND attempts)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "notification".deliveries
        DROP CONSTRAINT deliveries_redrive_check,
        DROP COLUMN redriven_by,
        DROP COLUMN redriven_at,
        DROP COLUMN attempts_before_redrive`);
  }
}
