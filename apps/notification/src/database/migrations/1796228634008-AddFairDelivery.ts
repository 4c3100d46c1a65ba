import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fair delivery across recipients, a circuit breaker per recipient, and events waiting for a recipient.
 *
 * - `recipient_circuits`: one row per recipient that ever failed; consecutive failures and, once
 *   tripped, until when the circuit is open. In Postgres, so every instance sees the same state.
 * - A delivery without a recipient (`recipient_id`, `channel`, `language` null) is an event "waiting
 *   for a recipient" of its organisation (status `waiting`), unique per (event, org); it is planned
 *   when a recipient is registered, or `expired` once `expires_at` passes or its referral was handed
 *   over (`referral_id`).
 * - `cancelled`: the recipient was deactivated before the delivery was made.
 * - `early_alert_at`: when the operators were told early that a duty-channel alert keeps failing.
 * - Claims read the due deliveries recipient by recipient: (recipient_id, next_attempt_at) of pending rows.
 */
export class AddFairDelivery1796228634008 implements MigrationInterface {
  name = 'AddFairDelivery1796228634008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "notification".recipients
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN deactivated_by text`);
    await q.query(`
      CREATE TABLE "notification".recipient_circuits (
        recipient_id uuid PRIMARY KEY REFERENCES "notification".recipients (id),
        consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        trips integer NOT NULL DEFAULT 0 CHECK (trips >= 0),
        open_until timestamptz,
        last_failure_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE "notification".deliveries
        ALTER COLUMN recipient_id DROP NOT NULL,
        ALTER COLUMN channel DROP NOT NULL,
        ALTER COLUMN language DROP NOT NULL,
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN referral_id uuid,
        ADD COLUMN early_alert_at timestamptz,
        DROP CONSTRAINT deliveries_status_check,
        ADD CONSTRAINT deliveries_status_check
          CHECK (status IN ('waiting', 'pending', 'sending', 'delivered', 'failed', 'cancelled', 'expired')),
        ADD CONSTRAINT deliveries_waiting_check
          CHECK (status <> 'waiting' OR recipient_id IS NULL),
        ADD CONSTRAINT deliveries_recipient_check
          CHECK (recipient_id IS NOT NULL OR status IN ('waiting', 'expired')),
        ADD CONSTRAINT deliveries_addressed_check
          CHECK ((recipient_id IS NULL) = (channel IS NULL) AND (recipient_id IS NULL) = (language IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX deliveries_waiting_key ON "notification".deliveries (event_id, org) WHERE recipient_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX deliveries_waiting_org_idx ON "notification".deliveries (org, expires_at) WHERE status = 'waiting'`,
    );
    await q.query(
      `CREATE INDEX deliveries_waiting_referral_idx ON "notification".deliveries (referral_id) WHERE status = 'waiting'`,
    );
    await q.query(
      `CREATE INDEX deliveries_recipient_due_idx ON "notification".deliveries (recipient_id, next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "notification".deliveries_recipient_due_idx`);
    await q.query(`DROP INDEX IF EXISTS "notification".deliveries_waiting_referral_idx`);
    await q.query(`DROP INDEX IF EXISTS "notification".deliveries_waiting_org_idx`);
    await q.query(`DROP INDEX IF EXISTS "notification".deliveries_waiting_key`);
    await q.query(`DELETE FROM "notification".deliveries WHERE recipient_id IS NULL`);
    await q.query(
      `UPDATE "notification".deliveries SET status = 'failed', failed_at = coalesce(failed_at, now()) WHERE status = 'cancelled'`,
    );
    await q.query(`
      ALTER TABLE "notification".deliveries
        DROP CONSTRAINT deliveries_addressed_check,
        DROP CONSTRAINT deliveries_recipient_check,
        DROP CONSTRAINT deliveries_waiting_check,
        DROP CONSTRAINT deliveries_status_check,
        ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
        DROP COLUMN early_alert_at,
        DROP COLUMN referral_id,
        DROP COLUMN expires_at,
        ALTER COLUMN language SET NOT NULL,
        ALTER COLUMN channel SET NOT NULL,
        ALTER COLUMN recipient_id SET NOT NULL`);
    await q.query(`DROP TABLE IF EXISTS "notification".recipient_circuits`);
    await q.query(`
      ALTER TABLE "notification".recipients
        DROP COLUMN deactivated_by,
        DROP COLUMN deactivated_at`);
  }
}
