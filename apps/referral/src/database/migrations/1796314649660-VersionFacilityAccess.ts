import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facility access in event order. Events about a placement can arrive out of order (a retried
 * `shelter.admission.requested` after the `shelter.discharged` that ended it), so a revoke no longer
 * deletes the row: it leaves a tombstone (`active = false`) carrying the time and id of the event that
 * set it, and an event older than what a row already holds changes nothing. Rows are kept per
 * placement, so the end of one placement never ends the access another placement of the same victim
 * at the same facility gave.
 */
export class VersionFacilityAccess1796314649660 implements MigrationInterface {
  name = 'VersionFacilityAccess1796314649660';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "referral".facility_access
        DROP CONSTRAINT facility_access_pkey,
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN event_at timestamptz,
        ADD COLUMN event_id uuid`);
    await q.query(`UPDATE "referral".facility_access SET event_at = granted_at`);
    await q.query(`
      ALTER TABLE "referral".facility_access
        ALTER COLUMN event_at SET NOT NULL,
        ADD CONSTRAINT facility_access_pkey PRIMARY KEY (victim_ref, facility_code, placement_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "referral".facility_access WHERE NOT active`);
    // One row per (victim, facility) again: keep the latest grant.
    await q.query(`
      DELETE FROM "referral".facility_access a USING "referral".facility_access b
       WHERE a.victim_ref = b.victim_ref AND a.facility_code = b.facility_code
         AND (a.event_at, a.placement_id) < (b.event_at, b.placement_id)`);
    await q.query(`
      ALTER TABLE "referral".facility_access
        DROP CONSTRAINT facility_access_pkey,
        DROP COLUMN active,
        DROP COLUMN event_at,
        DROP COLUMN event_id,
        ADD CONSTRAINT facility_access_pkey PRIMARY KEY (victim_ref, facility_code)`);
  }
}
