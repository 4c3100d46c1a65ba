import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shelter request ends `withdrawn` when the victim withdraws consent to shelter placement
 * no measure against the victim's will): off the waiting list, any held bed released.
 */
export class AddWithdrawnRequestStatus1764200000002 implements MigrationInterface {
  name = 'AddWithdrawnRequestStatus1764200000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "shelter".placement_requests DROP CONSTRAINT placement_requests_status_check`);
    await q.query(`
      ALTER TABLE "shelter".placement_requests ADD CONSTRAINT placement_requests_status_check
      CHECK (status IN ('offered', 'admitted', 'waitlisted', 'discharged', 'withdrawn'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "shelter".placement_requests DROP CONSTRAINT placement_requests_status_check`);
    // The older schema has no `withdrawn`: such requests are over, as discharged ones are.
    await q.query(`UPDATE "shelter".placement_requests SET status = 'discharged' WHERE status = 'withdrawn'`);
    await q.query(`
      ALTER TABLE "shelter".placement_requests ADD CONSTRAINT placement_requests_status_check
      CHECK (status IN ('offered', 'admitted', 'waitlisted', 'discharged'))`);
  }
}
