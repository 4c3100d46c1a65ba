import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest consent decision per victim and purpose, as told by `victim.consent.changed` (the
 * referral service keeps the register; this is a view of its latest state, keyed by `victimRef`
 * only). It lets a shelter request that arrives after a later withdrawal be refused, whatever
 * the order in which the two events are delivered.
 */
export class CreateVictimConsents1764200000003 implements MigrationInterface {
  name = 'CreateVictimConsents1764200000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "shelter".victim_consents (
        victim_ref text NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (victim_ref, purpose)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "shelter".victim_consents`);
  }
}
