import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Writable } from 'node:stream';
import {
  AmqpConnection,
  AmqpEventTransport,
  OutboxRelay,
  ReferralReported,
  SUBSCRIPTIONS,
  UnitOfWork,
  connectWithRetry,
  createDataSource,
  createLogger,
  createMessagingTables,
  type Envelope,
  type EventContext,
  type ReferralReportedV1,
  type Transaction,
} from '#shared';

/** A handler as the tests write it: the envelope and the inbox transaction. */
export type EventHandler<T extends object> = (
  event: Envelope<T>,
  tx: Transaction,
  attempt: number,
) => Promise<void>;

/**
 * One "service instance" for messaging tests: its own data source on a private schema, outbox relay,
 * broker connection and consumer (as the notification service, which hears every event).
 */
export interface MessagingNode {
  uow: UnitOfWork;
  relay: OutboxRelay;
  amqp: AmqpConnection;
  consumer: AmqpEventTransport;
  dataSource: ReturnType<typeof createDataSource>;
  logs: string[];
  stop(): Promise<void>;
}

export async function startNode(opts: {
  schema: string;
  databaseUrl: string;
  amqpUrl: string;
  handler?: EventHandler<object>;
  consume?: boolean;
  relay?: boolean;
  maxAttempts?: number;
  prefetch?: number;
  retryHorizonMs?: number;
  /** Overrides the database probe of the dependency gate. */
  probe?: () => Promise<void>;
  /** How long a delivery is held while paused before it goes back to the queue. */
  holdMaxMs?: number;
}): Promise<MessagingNode> {
  const schema = opts.schema;
  class CreateTables1764100000000 implements MigrationInterface {
    name = 'CreateTables1764100000000';
    async up(q: QueryRunner) {
      await createMessagingTables(q, schema);
      await q.query(
        `CREATE TABLE "${schema}".effects (event_id uuid NOT NULL, aggregate_id text NOT NULL, seq int, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
      );
    }
    async down() {}
  }
  const logs: string[] = [];
  const logger = createLogger(
    'test',
    'info',
    new Writable({ write: (c: Buffer, _e, cb) => (logs.push(c.toString()), cb()) }),
  );
  const dataSource = createDataSource(
    opts.databaseUrl,
    { schema, entities: [], migrations: [CreateTables1764100000000] },
    5,
    'messaging-test',
  );
  await connectWithRetry(dataSource, schema, logger);
  const amqp = new AmqpConnection({ url: opts.amqpUrl, service: 'test', logger, maxReconnectDelayMs: 500 });
  const uow = new UnitOfWork(dataSource, schema, 'referral');
  const relay = new OutboxRelay({ databaseUrl: opts.databaseUrl, schema, amqp, logger, pollMs: 100 });
  uow.setWaker(relay);
  const consumer = new AmqpEventTransport({
    consumer: 'notification',
    amqp,
    dataSource,
    unitOfWork: uow,
    schema,
    logger,
    prefetch: opts.prefetch ?? 50,
    retry: {
      baseDelayMs: 50,
      maxDelayMs: 400,
      horizonMs: opts.retryHorizonMs ?? 3_600_000,
      maxAttempts: opts.maxAttempts ?? 3,
    },
    probe: opts.probe,
    holdMaxMs: opts.holdMaxMs,
    drainTimeoutMs: 2000,
  });
  const handler: EventHandler<object> =
    opts.handler ??
    (async (event, tx) => {
      await recordEffect(tx.em, schema, event.id, event.aggregateId, (event.data as { seq?: number }).seq);
    });
  if (opts.consume !== false) {
    // As Nest registers an @EventPattern method: (payload, context) => result.
    for (const type of SUBSCRIPTIONS.notification)
      consumer.addHandler(
        type,
        (_data: object, ctx: EventContext) => handler(ctx.envelope, ctx.tx, ctx.attempt),
        true,
      );
    await new Promise<void>((resolve, reject) =>
      consumer.listen((err) =>
        err ? reject(err instanceof Error ? err : new Error('listen failed')) : resolve(),
      ),
    );
  }
  await amqp.start();
  if (opts.relay !== false) relay.start();
  return {
    uow,
    relay,
    amqp,
    consumer,
    dataSource,
    logs,
    async stop() {
      await consumer.close();
      await relay.stop();
      await amqp.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

export async function recordEffect(
  em: { query: (sql: string, p: unknown[]) => Promise<unknown> },
  schema: string,
  eventId: string,
  aggregateId: string,
  seq?: number,
) {
  await em.query(`INSERT INTO "${schema}".effects (event_id, aggregate_id, seq) VALUES ($1, $2, $3)`, [
    eventId,
    aggregateId,
    seq ?? null,
  ]);
}

let counter = 0;
/** A valid referral.reported payload; `seq` rides in caseNumber's suffix for ordering checks. */
export function reported(aggregate = 'agg'): ReferralReportedV1 & { seq?: number } {
  counter++;
  return {
    referralId: '5f0e6a7c-8a53-4c35-9e3e-2a3f7b0c9d1e',
    caseNumber: `NRM-2026-${String(counter).padStart(6, '0')}`,
    victimRef: 'V-TESTTESTTEST',
    kind: 'presumed_victim',
    reportingOrg: 'MIA',
    region: aggregate,
    identifiedAt: new Date().toISOString(),
    handoverDueAt: new Date(Date.now() + 86_400_000).toISOString(),
    profile: { sex: 'female', ageBand: '18-24', child: false, languages: ['az'], needs: [] },
    likelyDuplicate: false,
  };
}

/** Writes `n` referral.reported events through the outbox, one transaction each; returns their ids. */
export async function publishMany(
  node: MessagingNode,
  n: number,
  aggregate = (i: number) => `agg-${i % 5}`,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const env = await node.uow.run(async (tx) =>
      tx.publish(ReferralReported, reported(), { aggregateId: aggregate(i) }),
    );
    ids.push(env.id);
  }
  return ids;
}

export async function effectCounts(node: MessagingNode, schema: string): Promise<Map<string, number>> {
  const rows: { event_id: string; n: string }[] = await node.dataSource.query(
    `SELECT event_id, count(*) AS n FROM "${schema}".effects GROUP BY event_id`,
  );
  return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
}
