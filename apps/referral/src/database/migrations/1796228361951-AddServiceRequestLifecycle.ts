import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every service request is addressed to the body that provides it and has a lifecycle (R-3.3, R-3.4,
 * `provider_org` (MOH for medical aid unless another provider is named; a provider of the
 * legal-aid directory; an assistance centre or NGO), and `requested → accepted | declined →
 * completed`, a declined request re-addressed back to `requested`. Legal-aid providers of the
 * directory get the organisation code their staff sign in with.
 */
export class AddServiceRequestLifecycle1796228361951 implements MigrationInterface {
  name = 'AddServiceRequestLifecycle1796228361951';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "referral".service_requests
        ADD COLUMN provider_org text CHECK (provider_org ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
        ADD COLUMN status text NOT NULL DEFAULT 'requested'
          CHECK (status IN ('requested', 'accepted', 'declined', 'completed')),
        ADD COLUMN decline_reason text,
        ADD COLUMN outcome text,
        ADD COLUMN answered_by text,
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN previous_providers text[] NOT NULL DEFAULT '{}',
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT service_requests_declined_has_reason CHECK (status <> 'declined' OR decline_reason IS NOT NULL)`);
    // Requests made before providers existed: medical aid is organised by the Ministry of Health.
    await q.query(`UPDATE "referral".service_requests SET provider_org = 'MOH' WHERE service = 'medical'`);
    await q.query(
      `CREATE INDEX service_requests_provider_idx ON "referral".service_requests (provider_org, requested_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX service_requests_listing_idx ON "referral".service_requests (requested_at DESC, id DESC)`,
    );
    await q.query(`
      ALTER TABLE "referral".legal_aid_providers
        ADD COLUMN org_code text UNIQUE CHECK (org_code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referral".legal_aid_providers DROP COLUMN IF EXISTS org_code`);
    await q.query(`DROP INDEX IF EXISTS "referral".service_requests_listing_idx`);
    await q.query(`DROP INDEX IF EXISTS "referral".service_requests_provider_idx`);
    await q.query(`
      ALTER TABLE "referral".service_requests
        DROP CONSTRAINT IF EXISTS service_requests_declined_has_reason,
        DROP COLUMN IF EXISTS updated_at,
        DROP COLUMN IF EXISTS previous_providers,
        DROP COLUMN IF EXISTS answered_at,
        DROP COLUMN IF EXISTS answered_by,
        DROP COLUMN IF EXISTS outcome,
        DROP COLUMN IF EXISTS decline_reason,
        DROP COLUMN IF EXISTS status,
        DROP COLUMN IF EXISTS provider_org`);
  }
}
