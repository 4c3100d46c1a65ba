import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id of the event that set each row of the victims' consent and safety views, so that two
 * decisions with the same time are ordered the same way whatever order they arrive in (the time
 * first, then the event id). Rows written before have none and give way to any event of their time.
 */
export class VersionVictimViews1796314692250 implements MigrationInterface {
  name = 'VersionVictimViews1796314692250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "shelter".victim_consents ADD COLUMN event_id uuid`);
    await q.query(`ALTER TABLE "shelter".victim_safety ADD COLUMN event_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "shelter".victim_safety DROP COLUMN IF EXISTS event_id`);
    await q.query(`ALTER TABLE "shelter".victim_consents DROP COLUMN IF EXISTS event_id`);
  }
}
