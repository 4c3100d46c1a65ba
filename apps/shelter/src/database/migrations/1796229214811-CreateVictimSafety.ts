import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Victims' safety as the shelter needs it (R-5), from `victim.safety.changed`: the latest risk level
 * and disclosure restriction per victim (never the threats or measures). A shelter request keeps the
 * referral's region, where the exploitation took place, so a high-risk victim is not placed there when
 * another fitting facility exists.
 */
export class CreateVictimSafety1796229214811 implements MigrationInterface {
  name = 'CreateVictimSafety1796229214811';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "shelter".victim_safety (
        victim_ref text PRIMARY KEY,
        risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
        restrict_disclosure boolean NOT NULL,
        assessed_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE "shelter".placement_requests ADD COLUMN referral_region text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "shelter".placement_requests DROP COLUMN IF EXISTS referral_region`);
    await q.query(`DROP TABLE IF EXISTS "shelter".victim_safety`);
  }
}
