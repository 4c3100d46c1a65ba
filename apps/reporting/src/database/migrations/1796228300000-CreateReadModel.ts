import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pseudonymous read model of the annual report: per victimRef the facts reports count,
 * built only from events. No name, birth date, contact or free text exists here.
 *
 * Order tolerance: each group of facts carries the `occurredAt` of the event that set it
 * (`*_event_at`), and an upsert changes a group only when its event is not older than what is stored,
 * so events arriving late, twice or out of order leave the same rows. Duplicates are also stopped by
 * the inbox.
 */
export class CreateReadModel1796228300000 implements MigrationInterface {
  name = 'CreateReadModel1796228300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "reporting".victims (
        victim_ref text PRIMARY KEY,
        -- referral.reported
        referral_id uuid,
        kind text,
        identified_at timestamptz,
        year int, -- UTC calendar year of identified_at
        sex text,
        age_band text,
        age int,
        child boolean,
        citizenship text,
        exploitation text[],
        region text,
        reporting_org text,
        reporting_body_kind text,
        reported_event_at timestamptz,
        -- victim.identified
        identification_outcome text,
        identification_event_at timestamptz,
        -- referral.handed_over / referral.deadline.breached
        handed_over_at timestamptz,
        handover_late boolean,
        handover_event_at timestamptz,
        deadline_breached boolean NOT NULL DEFAULT false,
        -- victim.safety.changed
        safety_risk_level text,
        safety_event_at timestamptz,
        -- victim.return.changed
        return_status text,
        return_event_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX victims_year_idx ON "reporting".victims (year)`);
    await q.query(`
      CREATE TABLE "reporting".placements (
        placement_id uuid PRIMARY KEY,
        victim_ref text NOT NULL,
        facility_id uuid NOT NULL,
        admitted_at timestamptz,
        discharged_at timestamptz,
        declined_at timestamptz,
        decline_reason text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX placements_victim_idx ON "reporting".placements (victim_ref)`);
    await q.query(`
      CREATE TABLE "reporting".service_requests (
        request_id uuid PRIMARY KEY,
        victim_ref text NOT NULL,
        service text,
        requested_at timestamptz,
        status text NOT NULL DEFAULT 'requested',
        status_event_at timestamptz,
        waitlisted_reason text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_requests_victim_idx ON "reporting".service_requests (victim_ref)`);
    await q.query(`
      CREATE TABLE "reporting".payouts (
        payout_id uuid PRIMARY KEY,
        claim_id uuid NOT NULL,
        victim_ref text NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        method text NOT NULL,
        status text NOT NULL,
        status_event_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX payouts_victim_idx ON "reporting".payouts (victim_ref)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "reporting".payouts`);
    await q.query(`DROP TABLE "reporting".service_requests`);
    await q.query(`DROP TABLE "reporting".placements`);
    await q.query(`DROP TABLE "reporting".victims`);
  }
}
