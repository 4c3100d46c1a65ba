import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duty queue (`GET /v1/referrals?sort=handoverDueAt`, nearest deadline first, keyset on
 * `(handover_due_at, id)`) read from an index in its order, so a page costs its own rows, not a sort
 * of every referral. The partial deadline indexes serve only the monitor's open referrals.
 */
export class IndexReferralsByDeadline1796315460209 implements MigrationInterface {
  name = 'IndexReferralsByDeadline1796315460209';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS referrals_due_idx ON "referral".referrals (handover_due_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "referral".referrals_due_idx`);
  }
}
