import type { QueryRunner } from 'typeorm';

/**
 * DDL of the outbox and inbox tables, created by each service's first migration inside its own schema.
 *
 * outbox: one row per event, written in the transaction of the state change it announces; `id` orders
 * publication (per-aggregate order holds because a change locks its aggregate row before inserting).
 * inbox: one row per (event, consumer) processed, written in the transaction of the handler's effect.
 */
export async function createMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`
    CREATE TABLE "${schema}".outbox (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      event_type text NOT NULL,
      aggregate_id text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      publish_attempts integer NOT NULL DEFAULT 0
    )`);
  await q.query(`CREATE INDEX outbox_unpublished_idx ON "${schema}".outbox (id) WHERE published_at IS NULL`);
  await q.query(
    `CREATE INDEX outbox_published_at_idx ON "${schema}".outbox (published_at) WHERE published_at IS NOT NULL`,
  );
  await q.query(`
    CREATE TABLE "${schema}".inbox (
      message_id uuid NOT NULL,
      consumer text NOT NULL,
      event_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, consumer)
    )`);
}

export async function dropMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS "${schema}".inbox`);
  await q.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
}
