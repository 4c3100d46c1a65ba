import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-model facts of `shelter.plan.changed`, `shelter.training.changed` and
 * `compensation.claim.changed` (R-2.4): per plan its measures' domains and statuses, per enrolment
 * its status, per claim its sums. Categories and amounts only; the version, `at` or revision of the
 * event that set each row guards it, so late or repeated events change nothing.
 */
export class CreateRehabilitationAndClaims1796233500000 implements MigrationInterface {
  name = 'CreateRehabilitationAndClaims1796233500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "reporting".plans (
        plan_id uuid PRIMARY KEY,
        victim_ref text NOT NULL,
        version int NOT NULL,
        status text NOT NULL,
        -- [{ "domain": "...", "status": "..." }], one per measure
        measures jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plans_victim_idx ON "reporting".plans (victim_ref)`);
    await q.query(`
      CREATE TABLE "reporting".enrolments (
        enrolment_id uuid PRIMARY KEY,
        victim_ref text NOT NULL,
        lead_ministry text NOT NULL,
        status text NOT NULL,
        status_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX enrolments_victim_idx ON "reporting".enrolments (victim_ref)`);
    await q.query(`
      CREATE TABLE "reporting".claims (
        claim_id uuid PRIMARY KEY,
        victim_ref text NOT NULL,
        revision int NOT NULL,
        awarded_minor bigint NOT NULL CHECK (awarded_minor >= 0),
        recovered_minor bigint NOT NULL CHECK (recovered_minor >= 0),
        fund_payment_ordered boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claims_victim_idx ON "reporting".claims (victim_ref)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "reporting".claims`);
    await q.query(`DROP TABLE "reporting".enrolments`);
    await q.query(`DROP TABLE "reporting".plans`);
  }
}
