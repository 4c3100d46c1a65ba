import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The referral schema's own tables. Personal data lives only in `victims`, encrypted per field
 * every other table holds codes, ids and timestamps.
 */
export class CreateReferralTables1764110000000 implements MigrationInterface {
  name = 'CreateReferralTables1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "referral".organisations (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('commission_body', 'special_police_unit', 'fund', 'coordinator', 'ngo', 'international')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // One officer on duty at any instant: overlapping shifts are refused by the exclusion constraint.
    await q.query(`
      CREATE TABLE "referral".duty_shifts (
        id uuid PRIMARY KEY,
        officer_id text NOT NULL CHECK (length(officer_id) BETWEEN 1 AND 100),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT duty_shifts_valid_range CHECK (ends_at > starts_at),
        CONSTRAINT duty_shifts_no_overlap EXCLUDE USING gist (tstzrange(starts_at, ends_at) WITH &&)
      )`);

    await q.query(`
      CREATE TABLE "referral".victims (
        id uuid PRIMARY KEY,
        victim_ref text NOT NULL UNIQUE,
        sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        age_estimate integer CHECK (age_estimate BETWEEN 0 AND 130),
        citizenship text NOT NULL CHECK (citizenship ~ '^[A-Z]{2}$'),
        languages text[] NOT NULL,
        given_name_enc text NOT NULL,
        family_name_enc text NOT NULL,
        date_of_birth_enc text,
        contact_enc text,
        circumstances_enc text,
        documents_enc text,
        blind_index text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT victims_age_or_birth_date CHECK (age_estimate IS NOT NULL OR date_of_birth_enc IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX victims_blind_index_idx ON "referral".victims (blind_index) WHERE blind_index IS NOT NULL`,
    );

    // Gapless case numbers per year (`NRM-2026-000123`): one counter row per year, bumped in the
    // intake transaction, so a rolled-back intake never leaves a hole.
    await q.query(`
      CREATE TABLE "referral".case_counters (
        year integer PRIMARY KEY,
        last_value integer NOT NULL CHECK (last_value > 0)
      )`);

    await q.query(`
      CREATE TABLE "referral".referrals (
        id uuid PRIMARY KEY,
        case_number text NOT NULL UNIQUE,
        victim_id uuid NOT NULL UNIQUE REFERENCES "referral".victims (id),
        victim_ref text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('presumed_victim', 'crime_detected')),
        status text NOT NULL CHECK (status IN ('reported', 'handover_pending', 'handed_over', 'identified_victim', 'not_a_victim')),
        reporting_org text NOT NULL REFERENCES "referral".organisations (code),
        reported_by text NOT NULL,
        region text NOT NULL,
        exploitation text[] NOT NULL,
        urgent_needs text[] NOT NULL,
        identified_at timestamptz NOT NULL,
        handover_due_at timestamptz NOT NULL,
        likely_duplicate boolean NOT NULL DEFAULT false,
        handover_to_officer text,
        handover_requested_at timestamptz,
        handed_over_at timestamptz,
        handover_late boolean,
        approaching_notified_at timestamptz,
        breached_at timestamptz,
        decided_at timestamptz,
        decided_by text,
        -- millisecond precision: the keyset cursor carries it exactly
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referrals_due_is_24h CHECK (handover_due_at = identified_at + interval '24 hours'),
        CONSTRAINT referrals_pending_has_officer CHECK (status = 'reported' OR handover_to_officer IS NOT NULL),
        CONSTRAINT referrals_handed_over_has_time CHECK (status IN ('reported', 'handover_pending') OR handed_over_at IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX referrals_reporting_org_idx ON "referral".referrals (reporting_org, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX referrals_created_idx ON "referral".referrals (created_at DESC, id DESC)`);
    // The deadline monitor reads only these partial indexes: its cost grows with the number of
    // referrals that are due, not with the size of the table.
    await q.query(`
      CREATE INDEX referrals_approaching_due_idx ON "referral".referrals (handover_due_at)
      WHERE approaching_notified_at IS NULL AND status IN ('reported', 'handover_pending')`);
    await q.query(`
      CREATE INDEX referrals_breach_due_idx ON "referral".referrals (handover_due_at)
      WHERE breached_at IS NULL AND status IN ('reported', 'handover_pending')`);
    await q.query(
      `CREATE INDEX referrals_breached_idx ON "referral".referrals (created_at DESC, id DESC) WHERE breached_at IS NOT NULL`,
    );

    // Idempotency-Key per reporting organisation; the primary key makes concurrent duplicates create
    // exactly one referral. request_hash is a keyed HMAC of the body, never a plain hash of personal data.
    await q.query(`
      CREATE TABLE "referral".idempotency_keys (
        reporting_org text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        referral_id uuid NOT NULL REFERENCES "referral".referrals (id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reporting_org, idempotency_key)
      )`);

    // Every handover request, allowed or refused.
    await q.query(`
      CREATE TABLE "referral".handover_attempts (
        id bigserial PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES "referral".referrals (id),
        requested_by text NOT NULL,
        requested_by_org text NOT NULL,
        to_org text NOT NULL,
        to_officer_id text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('requested', 'refused')),
        reason text,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX handover_attempts_referral_idx ON "referral".handover_attempts (referral_id, id)`,
    );

    // Append-only record of every read of a victim's personal data.
    await q.query(`
      CREATE TABLE "referral".access_log (
        id bigserial PRIMARY KEY,
        victim_id uuid NOT NULL REFERENCES "referral".victims (id),
        actor_sub text NOT NULL,
        actor_role text NOT NULL,
        actor_org text NOT NULL,
        fields text[] NOT NULL,
        purpose text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('granted', 'refused')),
        accessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX access_log_victim_idx ON "referral".access_log (victim_id, id)`);
    await q.query(`
      CREATE FUNCTION "referral".access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only (R-1.3.2)' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER access_log_no_update_delete BEFORE UPDATE OR DELETE ON "referral".access_log
      FOR EACH ROW EXECUTE FUNCTION "referral".access_log_append_only()`);
    await q.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "referral".access_log
      FOR EACH STATEMENT EXECUTE FUNCTION "referral".access_log_append_only()`);

    // Facilities asked to admit a victim (from shelter.admission.requested): their staff may read
    // the data a facility needs.
    await q.query(`
      CREATE TABLE "referral".facility_access (
        victim_ref text NOT NULL,
        facility_code text NOT NULL,
        placement_id uuid NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (victim_ref, facility_code)
      )`);

    // Consent history: insert-only; the latest record per purpose wins.
    await q.query(`
      CREATE TABLE "referral".consents (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        victim_id uuid NOT NULL REFERENCES "referral".victims (id),
        purpose text NOT NULL CHECK (purpose IN ('medical_examination', 'shelter_placement', 'rehabilitation', 'psychological_aid', 'legal_aid', 'data_sharing')),
        granted boolean NOT NULL,
        recorded_by text NOT NULL,
        recorded_by_org text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consents_latest_idx ON "referral".consents (victim_id, purpose, seq DESC)`);

    await q.query(`
      CREATE TABLE "referral".legal_aid_providers (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        region text NOT NULL,
        languages text[] NOT NULL,
        phone text,
        email text,
        website text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // the victim was informed about free legal aid, by whom, in which language.
    await q.query(`
      CREATE TABLE "referral".rights_information (
        id uuid PRIMARY KEY,
        victim_id uuid NOT NULL REFERENCES "referral".victims (id),
        provider_id uuid NOT NULL REFERENCES "referral".legal_aid_providers (id),
        language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        informed_by text NOT NULL,
        informed_by_org text NOT NULL,
        informed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX rights_information_victim_idx ON "referral".rights_information (victim_id)`);

    await q.query(`
      CREATE TABLE "referral".service_requests (
        id uuid PRIMARY KEY,
        victim_id uuid NOT NULL REFERENCES "referral".victims (id),
        referral_id uuid NOT NULL REFERENCES "referral".referrals (id),
        service text NOT NULL CHECK (service IN ('shelter', 'medical', 'psychological', 'legal_aid', 'rehabilitation')),
        consent_id uuid NOT NULL REFERENCES "referral".consents (id),
        region text NOT NULL,
        requested_by text NOT NULL,
        requested_by_org text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_requests_victim_idx ON "referral".service_requests (victim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "referral".service_requests`);
    await q.query(`DROP TABLE IF EXISTS "referral".rights_information`);
    await q.query(`DROP TABLE IF EXISTS "referral".legal_aid_providers`);
    await q.query(`DROP TABLE IF EXISTS "referral".consents`);
    await q.query(`DROP TABLE IF EXISTS "referral".facility_access`);
    await q.query(`DROP TABLE IF EXISTS "referral".access_log`);
    await q.query(`DROP FUNCTION IF EXISTS "referral".access_log_append_only()`);
    await q.query(`DROP TABLE IF EXISTS "referral".handover_attempts`);
    await q.query(`DROP TABLE IF EXISTS "referral".idempotency_keys`);
    await q.query(`DROP TABLE IF EXISTS "referral".referrals`);
    await q.query(`DROP TABLE IF EXISTS "referral".case_counters`);
    await q.query(`DROP TABLE IF EXISTS "referral".victims`);
    await q.query(`DROP TABLE IF EXISTS "referral".duty_shifts`);
    await q.query(`DROP TABLE IF EXISTS "referral".organisations`);
  }
}
