import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Victims' safety (R-5): the special police unit's assessment in force per victim. The threats and the
 * protection measures are encrypted like the other personal fields (AAD = victim id + field).
 */
export class CreateSafetyAssessments1796229368255 implements MigrationInterface {
  name = 'CreateSafetyAssessments1796229368255';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "referral".safety_assessments (
        victim_id uuid PRIMARY KEY REFERENCES "referral".victims (id),
        risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
        threats_enc text NOT NULL,
        measures_enc text NOT NULL,
        restrict_disclosure boolean NOT NULL,
        assessed_by text NOT NULL,
        assessed_at timestamptz NOT NULL,
        version integer NOT NULL CHECK (version > 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "referral".safety_assessments`);
  }
}
