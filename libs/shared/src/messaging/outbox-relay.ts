import pg from 'pg';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import type { AmqpConnection } from './amqp-connection.js';
import { OUTBOX_TRACE_KEY } from './trace-context.js';
import type { OutboxWaker } from './unit-of-work.js';

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  databaseUrl: string;
  schema: string;
  amqp: AmqpConnection;
  logger: Logger;
  metrics?: Metrics;
  /** Fallback poll when nothing wakes the relay, in ms. */
  pollMs: number;
  /** Rows published per confirm batch. */
  batchSize?: number;
  /** Published rows are deleted after this many hours. */
  retentionHours?: number;
}

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms and marks them sent.
 *
 * Exactly one relay per service is active at a time: the one holding a session-level Postgres
 * advisory lock on its dedicated connection. That keeps publication in outbox order (and so
 * per-aggregate order) with any number of instances; if the leader dies its connection drops, the lock
 * is freed and a standby takes over within its poll interval. A crash between publishing and marking
 * rows sent republishes them: consumers deduplicate through their inbox.
 *
 * The relay is woken in-process right after a commit ({@link wake}); an instance that is not the
 * leader sends a NOTIFY (outside any business transaction, so no hot-table lock) to wake the leader.
 */
export class OutboxRelay implements OutboxWaker {
  private client?: pg.Client;
  private leader = false;
  private stopped = true;
  private loop?: Promise<void>;
  private signal?: () => void;
  private signalled = false;
  private notifyInFlight = false;
  private lastCleanup = 0;
  private readonly channel: string;
  private readonly lockKey: string;
  private readonly batchSize: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.channel = `nrm_outbox_${options.schema}`;
    this.lockKey = `nrm.outbox.${options.schema}`;
    this.batchSize = options.batchSize ?? 500;
  }

  /** True when this instance currently holds the relay lock. */
  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Signals that new rows were committed. Cheap; safe to call often. */
  wake(): void {
    if (this.leader || this.stopped) {
      this.signalLoop();
      return;
    }
    if (this.notifyInFlight || !this.client) return;
    this.notifyInFlight = true;
    this.client
      .query(`NOTIFY ${this.channel}`)
      .catch(() => undefined)
      .finally(() => {
        this.notifyInFlight = false;
      });
  }

  /** Stops after the batch in flight, publishing what is already committed if it is the leader. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.signalLoop();
    await this.loop;
    await this.closeClient();
  }

  private signalLoop(): void {
    this.signalled = true;
    this.signal?.();
  }

  private wait(ms: number): Promise<void> {
    if (this.signalled) {
      this.signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal = undefined;
        this.signalled = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal = done;
    });
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.ensureClient();
        if (!this.leader) {
          const r = await this.client!.query<{ locked: boolean }>(
            'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
            [this.lockKey],
          );
          this.leader = r.rows[0]?.locked === true;
          if (this.leader) logger.info({ schema: this.options.schema }, 'outbox relay is the leader');
          else {
            await this.wait(Math.max(this.options.pollMs, 1000));
            continue;
          }
        }
        if (!this.options.amqp.connected) {
          await this.wait(this.options.pollMs);
          continue;
        }
        const published = await this.publishBatch();
        failures = 0;
        await this.cleanup();
        if (published < this.batchSize && !this.stopped) await this.wait(this.options.pollMs);
      } catch (err) {
        failures++;
        logger.warn({ err: (err as Error).message, failures }, 'outbox relay error; retrying');
        if (isConnectionError(err)) await this.closeClient();
        if (this.stopped) break;
        await sleep(Math.min(100 * 2 ** failures, 5000));
      }
    }
    // Graceful stop: publish what was committed before the stop, so a restart does not delay it.
    if (this.leader && this.options.amqp.connected) {
      try {
        while ((await this.publishBatch()) > 0);
      } catch (err) {
        logger.warn(
          { err: (err as Error).message },
          'outbox relay could not drain before stopping; rows stay for the next leader',
        );
      }
    }
  }

  /** Publishes up to one batch; returns how many rows it published. */
  private async publishBatch(): Promise<number> {
    const { schema, amqp, metrics } = this.options;
    const { rows } = await this.client!.query<{
      id: string;
      event_id: string;
      event_type: string;
      envelope: unknown;
      trace: Record<string, string> | null;
    }>(
      `SELECT id, event_id, event_type, envelope - '${OUTBOX_TRACE_KEY}' AS envelope,
              envelope -> '${OUTBOX_TRACE_KEY}' AS trace FROM "${schema}".outbox
        WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    try {
      await amqp.publishConfirmed(
        rows.map((r) => ({
          routingKey: r.event_type,
          messageId: r.event_id,
          body: Buffer.from(JSON.stringify(r.envelope)),
          headers: r.trace ?? undefined,
        })),
      );
    } catch (err) {
      await this.client!.query(
        `UPDATE "${schema}".outbox SET publish_attempts = publish_attempts + 1 WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      throw err;
    }
    await this.client!.query(
      `UPDATE "${schema}".outbox SET published_at = now() WHERE id = ANY($1::bigint[])`,
      [rows.map((r) => r.id)],
    );
    for (const r of rows) metrics?.eventsPublished.inc({ type: r.event_type });
    return rows.length;
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 600_000) return;
    this.lastCleanup = now;
    const hours = this.options.retentionHours ?? 72;
    await this.client!.query(
      `DELETE FROM "${this.options.schema}".outbox WHERE id IN (
         SELECT id FROM "${this.options.schema}".outbox
          WHERE published_at IS NOT NULL AND published_at < now() - make_interval(hours => $1) LIMIT 10000)`,
      [hours],
    );
  }

  private async ensureClient(): Promise<void> {
    if (this.client) return;
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: `outbox-relay:${this.options.schema}`,
    });
    client.on('error', () => {
      // The connection died: the advisory lock is gone with it. The loop reconnects and re-elects.
      if (this.client === client) {
        this.client = undefined;
        this.leader = false;
      }
    });
    client.on('notification', () => this.signalLoop());
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leader = false;
    if (client) await client.end().catch(() => undefined);
  }
}

function isConnectionError(err: unknown): boolean {
  const msg = (err as Error)?.message ?? '';
  const code = (err as { code?: string })?.code ?? '';
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    /Connection terminated|not queryable|ECONNREFUSED|Client has encountered a connection error/i.test(msg)
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
