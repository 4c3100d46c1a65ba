import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A victim holds at most one live shelter request (offered, admitted or waiting): a second request
 * while one is live would take a second bed. A new request is possible after discharge.
 */
export class AddOneLiveRequestPerVictim1764200000001 implements MigrationInterface {
  name = 'AddOneLiveRequestPerVictim1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX placement_requests_one_live_per_victim_uq ON "shelter".placement_requests (victim_ref)
      WHERE status IN ('offered', 'admitted', 'waitlisted')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "shelter".placement_requests_one_live_per_victim_uq`);
  }
}
