import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Keys of `POST /v1/victims/:ref/service-requests`: a client that retries after a
 * timeout gets the request it already made, not a second one. The key is scoped to the requesting
 * organisation and remembered with a keyed hash of the victim and the body, like intake's keys.
 */
export class KeyServiceRequests1796400000000 implements MigrationInterface {
  name = 'KeyServiceRequests1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS "referral".service_request_keys (
        requesting_org text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        request_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (requesting_org, idempotency_key)
      )`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS service_request_keys_created_idx ON "referral".service_request_keys (created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "referral".service_request_keys`);
  }
}
