import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a referral and erasing what is no longer needed. A referral gets the status
 * `closed` with a reason; after the retention period from closing, the victim's personal data is
 * crypto-shredded: every field is sealed under a data key of that victim alone (`victim_keys`, the key
 * wrapped by the key ring), and erasure deletes the key and the blind index. Rows written before this
 * migration are moved to data keys by the service's re-keying job (SQL cannot decrypt them).
 */
export class CloseReferralsAndShredData1796230712331 implements MigrationInterface {
  name = 'CloseReferralsAndShredData1796230712331';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "referral".referrals
        DROP CONSTRAINT referrals_status_check,
        DROP CONSTRAINT referrals_pending_has_officer,
        DROP CONSTRAINT referrals_handed_over_has_time,
        ADD CONSTRAINT referrals_status_check
          CHECK (status IN ('reported', 'handover_pending', 'handed_over', 'identified_victim', 'not_a_victim', 'closed')),
        ADD CONSTRAINT referrals_pending_has_officer
          CHECK (status IN ('reported', 'closed') OR handover_to_officer IS NOT NULL),
        ADD CONSTRAINT referrals_handed_over_has_time
          CHECK (status IN ('reported', 'handover_pending', 'closed') OR handed_over_at IS NOT NULL),
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by text,
        ADD COLUMN close_reason text
          CHECK (close_reason IN ('reintegrated', 'returned', 'not_a_victim', 'merged_duplicate', 'withdrew')),
        ADD COLUMN status_before_close text,
        ADD CONSTRAINT referrals_closed_has_reason CHECK ((status = 'closed') = (closed_at IS NOT NULL AND close_reason IS NOT NULL))`);
    // The erasure job reads only closed referrals past their retention, by closing time.
    await q.query(
      `CREATE INDEX referrals_closed_idx ON "referral".referrals (closed_at) WHERE status = 'closed'`,
    );
    await q.query(`
      CREATE TABLE "referral".victim_keys (
        victim_id uuid PRIMARY KEY REFERENCES "referral".victims (id),
        wrapped_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE "referral".victims ADD COLUMN erased_at timestamptz`);
    // The re-keying job reads only rows with no data key yet.
    await q.query(
      `CREATE INDEX victims_erased_idx ON "referral".victims (erased_at) WHERE erased_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "referral".victims_erased_idx`);
    await q.query(`ALTER TABLE "referral".victims DROP COLUMN IF EXISTS erased_at`);
    await q.query(`DROP TABLE IF EXISTS "referral".victim_keys`);
    await q.query(`DROP INDEX IF EXISTS "referral".referrals_closed_idx`);
    await q.query(`
      ALTER TABLE "referral".referrals
        DROP CONSTRAINT IF EXISTS referrals_closed_has_reason,
        DROP COLUMN IF EXISTS status_before_close,
        DROP COLUMN IF EXISTS close_reason,
        DROP COLUMN IF EXISTS closed_by,
        DROP COLUMN IF EXISTS closed_at,
        DROP CONSTRAINT referrals_handed_over_has_time,
        DROP CONSTRAINT referrals_pending_has_officer,
        DROP CONSTRAINT referrals_status_check,
        ADD CONSTRAINT referrals_status_check
          CHECK (status IN ('reported', 'handover_pending', 'handed_over', 'identified_victim', 'not_a_victim')),
        ADD CONSTRAINT referrals_pending_has_officer CHECK (status = 'reported' OR handover_to_officer IS NOT NULL),
        ADD CONSTRAINT referrals_handed_over_has_time
          CHECK (status IN ('reported', 'handover_pending') OR handed_over_at IS NOT NULL)`);
  }
}
