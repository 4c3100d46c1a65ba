import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recipients, deliveries and their attempts.
 *
 * - A delivery is unique per (event, recipient, channel): together with the inbox this makes each
 *   notification be planned once, however often the event is redelivered.
 * - Status, timestamps and the dispatcher's lease are tied together by check constraints, so a row
 *   can never claim to be delivered without a delivery time, or be "sending" without a lease.
 * - Addresses and webhook secrets are stored encrypted (AES-256-GCM); `address_index` is a keyed
 *   blind index that lets the database refuse the same address twice for one org and channel.
 */
export class CreateNotificationTables1764200000000 implements MigrationInterface {
  name = 'CreateNotificationTables1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "notification".recipients (
        id uuid PRIMARY KEY,
        org text NOT NULL CHECK (org ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
        channel text NOT NULL CHECK (channel IN ('email', 'webhook', 'sms')),
        address_sealed text NOT NULL,
        address_index text NOT NULL,
        language text NOT NULL CHECK (language IN ('az', 'en', 'ru')),
        secret_sealed text,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT recipients_webhook_secret_check CHECK ((channel = 'webhook') = (secret_sealed IS NOT NULL)),
        CONSTRAINT recipients_org_channel_address_key UNIQUE (org, channel, address_index)
      )`);
    await q.query(`CREATE INDEX recipients_active_org_idx ON "notification".recipients (org) WHERE active`);
    await q.query(
      `CREATE INDEX recipients_created_idx ON "notification".recipients (created_at DESC, id DESC)`,
    );

    await q.query(`
      CREATE TABLE "notification".deliveries (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        event_occurred_at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        recipient_id uuid NOT NULL REFERENCES "notification".recipients (id),
        org text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook', 'sms')),
        language text NOT NULL CHECK (language IN ('az', 'en', 'ru')),
        subject text NOT NULL,
        body text NOT NULL,
        variables jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        -- Millisecond precision: the list cursor carries a JavaScript date.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        delivered_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT deliveries_delivery_key UNIQUE (event_id, recipient_id, channel),
        CONSTRAINT deliveries_delivered_check CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
        CONSTRAINT deliveries_failed_check CHECK ((status = 'failed') = (failed_at IS NOT NULL)),
        CONSTRAINT deliveries_lease_check CHECK ((status = 'sending') = (lease_until IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX deliveries_due_idx ON "notification".deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX deliveries_lease_idx ON "notification".deliveries (lease_until) WHERE status = 'sending'`,
    );
    await q.query(`CREATE INDEX deliveries_event_idx ON "notification".deliveries (event_id)`);
    await q.query(
      `CREATE INDEX deliveries_recipient_idx ON "notification".deliveries (recipient_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX deliveries_created_idx ON "notification".deliveries (created_at DESC, id DESC)`,
    );

    await q.query(`
      CREATE TABLE "notification".delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES "notification".deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL CHECK (attempt >= 1),
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'timeout')),
        response_code integer,
        error text,
        PRIMARY KEY (delivery_id, attempt),
        CHECK (finished_at >= started_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "notification".delivery_attempts`);
    await q.query(`DROP TABLE IF EXISTS "notification".deliveries`);
    await q.query(`DROP TABLE IF EXISTS "notification".recipients`);
  }
}
