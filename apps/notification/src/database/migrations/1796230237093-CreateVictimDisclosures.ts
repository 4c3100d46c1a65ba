import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The R-5 view: per victimRef, whether disclosure of the victim's whereabouts is restricted (from
 * `victim.safety.changed`, the latest assessment wins). No personal data: a pseudonym, a flag and a
 * risk level.
 */
export class CreateVictimDisclosures1796230237093 implements MigrationInterface {
  name = 'CreateVictimDisclosures1796230237093';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "notification".victim_disclosures (
        victim_ref text PRIMARY KEY,
        restrict_disclosure boolean NOT NULL,
        risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
        assessed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "notification".victim_disclosures`);
  }
}
