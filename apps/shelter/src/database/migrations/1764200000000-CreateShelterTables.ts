import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facilities, placement requests (the waiting list), placements, individual plans with their
 * revisions, training programmes and enrolments. Invariants live here, not in application code:
 * a facility's beds (`occupied + held <= capacity`, R-6.6 safe placement never over capacity), one
 * live placement per request, one plan per victim per assistance centre, no declined plan
 * item scheduled, training programmes led by MOE or MLSPP, enrolments within seats.
 */
export class CreateShelterTables1764200000000 implements MigrationInterface {
  name = 'CreateShelterTables1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "shelter".facilities (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('shelter', 'assistance_centre')),
        region text NOT NULL,
        operator text NOT NULL CHECK (operator IN ('state', 'ngo')),
        funding_sources text[] NOT NULL DEFAULT '{state_budget}',
        capacity integer NOT NULL CHECK (capacity >= 0),
        accepts_sexes text[] NOT NULL,
        accepts_children boolean NOT NULL,
        min_age integer CHECK (min_age BETWEEN 0 AND 130),
        max_age integer CHECK (max_age BETWEEN 0 AND 130),
        languages text[] NOT NULL DEFAULT '{}',
        accessible boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        occupied integer NOT NULL DEFAULT 0,
        held integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT facilities_age_range_chk CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age),
        CONSTRAINT facilities_beds_chk CHECK (occupied >= 0 AND held >= 0 AND occupied + held <= capacity)
      )`);
    await q.query(`CREATE INDEX facilities_free_idx ON "shelter".facilities (region) WHERE active`);

    await q.query(`
      CREATE TABLE "shelter".placement_requests (
        id uuid PRIMARY KEY,
        victim_ref text NOT NULL,
        case_number text NOT NULL,
        sex text NOT NULL,
        age_band text NOT NULL,
        age integer,
        age_lo integer NOT NULL,
        age_hi integer NOT NULL,
        child boolean NOT NULL,
        languages text[] NOT NULL,
        needs text[] NOT NULL,
        region text NOT NULL,
        referring_org text NOT NULL,
        requested_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('offered', 'admitted', 'waitlisted', 'discharged')),
        waitlisted_at timestamptz,
        waitlist_reason text,
        excluded_facility_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT placement_requests_waitlist_chk CHECK (status <> 'waitlisted' OR waitlisted_at IS NOT NULL)
      )`);
    // The waiting list, in serving order: children first, then by time waited (since the request).
    await q.query(`
      CREATE INDEX placement_requests_waitlist_idx ON "shelter".placement_requests (child DESC, requested_at, id)
      WHERE status = 'waitlisted'`);
    await q.query(`CREATE INDEX placement_requests_victim_idx ON "shelter".placement_requests (victim_ref)`);

    await q.query(`
      CREATE TABLE "shelter".placements (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES "shelter".placement_requests (id),
        facility_id uuid NOT NULL REFERENCES "shelter".facilities (id),
        victim_ref text NOT NULL,
        case_number text NOT NULL,
        status text NOT NULL CHECK (status IN ('offered', 'admitted', 'declined', 'expired', 'discharged')),
        offered_at timestamptz NOT NULL,
        offer_expires_at timestamptz NOT NULL,
        expected_arrival_at timestamptz NOT NULL,
        admitted_at timestamptz,
        declined_at timestamptz,
        decline_reason text,
        discharged_at timestamptz,
        decided_by text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live placement (held bed or occupied bed) per request, whatever the concurrency.
    await q.query(`
      CREATE UNIQUE INDEX placements_one_live_per_request_uq ON "shelter".placements (request_id)
      WHERE status IN ('offered', 'admitted')`);
    await q.query(`CREATE INDEX placements_facility_idx ON "shelter".placements (facility_id, status, id)`);
    await q.query(`CREATE INDEX placements_victim_idx ON "shelter".placements (victim_ref)`);
    await q.query(
      `CREATE INDEX placements_offer_expiry_idx ON "shelter".placements (offer_expires_at) WHERE status = 'offered'`,
    );

    await q.query(`
      CREATE TABLE "shelter".plans (
        id uuid PRIMARY KEY,
        facility_id uuid NOT NULL REFERENCES "shelter".facilities (id),
        victim_ref text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'closed')),
        review_due_on date NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plans_one_per_victim_uq UNIQUE (facility_id, victim_ref)
      )`);
    await q.query(
      `CREATE INDEX plans_review_idx ON "shelter".plans (facility_id, review_due_on) WHERE status = 'active'`,
    );
    await q.query(`
      CREATE TABLE "shelter".plan_items (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES "shelter".plans (id) ON DELETE CASCADE,
        position integer NOT NULL,
        domain text NOT NULL CHECK (domain IN ('legal_aid', 'education', 'psychological', 'medical', 'vocational', 'employment', 'housing')),
        goal text NOT NULL,
        actions text[] NOT NULL DEFAULT '{}',
        responsible_kind text NOT NULL CHECK (responsible_kind IN ('agency', 'ngo')),
        responsible_org text NOT NULL,
        due_on date,
        status text NOT NULL CHECK (status IN ('proposed', 'scheduled', 'in_progress', 'done', 'cancelled')),
        victim_agreement text NOT NULL CHECK (victim_agreement IN ('pending', 'agreed', 'declined')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- R-6.5: no rehabilitation measure against the victim's will.
        CONSTRAINT plan_items_agreement_chk CHECK (status NOT IN ('scheduled', 'in_progress', 'done') OR victim_agreement = 'agreed')
      )`);
    await q.query(`CREATE INDEX plan_items_plan_idx ON "shelter".plan_items (plan_id, position)`);
    await q.query(`
      CREATE TABLE "shelter".plan_revisions (
        plan_id uuid NOT NULL REFERENCES "shelter".plans (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        snapshot jsonb NOT NULL,
        PRIMARY KEY (plan_id, revision)
      )`);

    await q.query(`
      CREATE TABLE "shelter".training_programmes (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        lead_ministry text NOT NULL CHECK (lead_ministry IN ('MOE', 'MLSPP')),
        partner_ngos text[] NOT NULL DEFAULT '{}',
        funding_sources text[] NOT NULL DEFAULT '{state_budget}',
        region text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        seats integer NOT NULL CHECK (seats > 0),
        enrolled integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_programmes_dates_chk CHECK (starts_on <= ends_on),
        CONSTRAINT training_programmes_seats_chk CHECK (enrolled >= 0 AND enrolled <= seats)
      )`);
    await q.query(`
      CREATE TABLE "shelter".enrolments (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES "shelter".training_programmes (id),
        victim_ref text NOT NULL,
        facility_id uuid NOT NULL REFERENCES "shelter".facilities (id),
        consent_recorded_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('enrolled', 'completed', 'withdrawn')),
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        withdrawn_at timestamptz,
        enrolled_by text NOT NULL
      )`);
    await q.query(`
      CREATE UNIQUE INDEX enrolments_one_per_victim_uq ON "shelter".enrolments (programme_id, victim_ref)
      WHERE status IN ('enrolled', 'completed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "shelter".enrolments`);
    await q.query(`DROP TABLE IF EXISTS "shelter".training_programmes`);
    await q.query(`DROP TABLE IF EXISTS "shelter".plan_revisions`);
    await q.query(`DROP TABLE IF EXISTS "shelter".plan_items`);
    await q.query(`DROP TABLE IF EXISTS "shelter".plans`);
    await q.query(`DROP TABLE IF EXISTS "shelter".placements`);
    await q.query(`DROP TABLE IF EXISTS "shelter".placement_requests`);
    await q.query(`DROP TABLE IF EXISTS "shelter".facilities`);
  }
}
