import { connect } from 'amqplib';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { RETRY_TIERS, REASON_HEADER, isDependencyFault, queueNames, retryDelay } from '#shared';
import { eventually, isolatedSchema, isolatedVhost, testEnv } from '#shared/testing';
import {
  effectCounts,
  publishMany,
  recordEffect,
  startNode,
  type MessagingNode,
} from '../support/messaging-node.js';

/**
 * Faults of the consumer's own database are not the message's fault: the transport pauses, counts no
 * attempt and parks nothing, however long the outage; a failing handler is retried with capped
 * backoff until the retry horizon, then parked. The outage is real: the consumer's own (private)
 * Postgres role is locked out (NOLOGIN) and its sessions terminated.
 */
describe('event transport: dependency faults and the retry horizon', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let vhost: Awaited<ReturnType<typeof isolatedVhost>>;
  const nodes: MessagingNode[] = [];
  const role = `t_role_${randomBytes(4).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
  const sql = async (text: string) => {
    const c = admin();
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };

  beforeEach(async () => {
    schema = await isolatedSchema();
    vhost = await isolatedVhost();
  });
  afterEach(async () => {
    await Promise.allSettled(nodes.splice(0).map((n) => n.stop()));
    await schema.drop();
    await vhost.drop();
  });
  afterAll(async () => {
    await sql(`DROP OWNED BY ${role}`).catch(() => undefined);
    await sql(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  });

  const parked = async () => {
    const conn = await connect(vhost.url);
    try {
      const ch = await conn.createChannel();
      const names = queueNames('notification', RETRY_TIERS);
      const dlq = await ch.checkQueue(names.dlq);
      let retried = 0;
      for (const q of names.retry) retried += (await ch.checkQueue(q)).messageCount;
      return { parked: dlq.messageCount, retried };
    } finally {
      await conn.close();
    }
  };

  it('classifies connection, lock-out and pool faults as the dependency’s, and handler bugs as the message’s', () => {
    for (const code of ['ECONNREFUSED', '57P01', '57P03', '28000', '28P01', '53300', '08006'])
      expect(isDependencyFault(Object.assign(new Error('x'), { code }))).toBe(true);
    expect(isDependencyFault({ driverError: { code: '57P01' } })).toBe(true);
    expect(isDependencyFault(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDependencyFault(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyFault(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isDependencyFault(new TypeError('undefined is not a function'))).toBe(false);
    const policy = { baseDelayMs: 1000, maxDelayMs: 300_000, horizonMs: 3_600_000, maxAttempts: 0 };
    expect([1, 2, 3, 10, 40].map((a) => retryDelay(policy, a))).toEqual([1000, 2000, 4000, 300_000, 300_000]);
  });

  it('pauses while its database role is locked out, then handles every event once: no attempt counted, nothing parked', async () => {
    await sql(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
    await sql(`GRANT CONNECT, TEMPORARY ON DATABASE "${testEnv().database}" TO ${role}`);
    await sql(`GRANT ALL ON SCHEMA "${schema.schema}" TO ${role}`);
    const u = new URL(testEnv().adminDatabaseUrl);
    u.username = role;
    u.password = role;
    const consumer = await startNode({
      schema: schema.schema,
      databaseUrl: u.toString(),
      amqpUrl: vhost.url,
      relay: false,
      maxAttempts: 2,
    });
    nodes.push(consumer);
    const producer = await startNode({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
      consume: false,
    });
    nodes.push(producer);
    const before = await publishMany(producer, 5);
    await eventually(async () => (await effectCounts(producer, schema.schema)).size === 5, {
      timeoutMs: 20_000,
    });

    // The outage: the role may not log in and its sessions are terminated.
    await sql(`ALTER ROLE ${role} NOLOGIN`);
    await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${role}'`);
    const during = await publishMany(producer, 30, (i) => `out-${i % 4}`);
    await eventually(() => consumer.logs.join('').includes('consumer paused'), { timeoutMs: 20_000 });
    // Long enough for many retry rounds had they been counted (maxAttempts is 2, retries 50–400 ms).
    await new Promise((r) => setTimeout(r, 15_000));
    expect((await effectCounts(producer, schema.schema)).size).toBe(5);
    expect(await parked()).toEqual({ parked: 0, retried: 0 });

    await sql(`ALTER ROLE ${role} LOGIN`);
    await eventually(
      async () => {
        const counts = await effectCounts(producer, schema.schema);
        return [...before, ...during].every((id) => counts.get(id) === 1) && counts.size === 35;
      },
      { timeoutMs: 60_000 },
    );
    expect(await parked()).toEqual({ parked: 0, retried: 0 });
    expect(consumer.logs.join('')).toContain('consumer resumed');
    expect(consumer.logs.join('')).not.toContain('event retry scheduled');
  }, 120_000);

  it('hands deliveries held through a long pause back to the tail of the queue (AMQP_HOLD_MAX_MS), counting no attempt', async () => {
    let down = false;
    const unreachable = () =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const consumer = await startNode({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
      relay: false,
      maxAttempts: 2,
      holdMaxMs: 1000,
      probe: async () => {
        if (down) throw unreachable();
      },
      handler: async (event, tx, attempt) => {
        if (down) throw unreachable();
        await recordEffect(tx.em, schema.schema, event.id, event.aggregateId, attempt);
      },
    });
    nodes.push(consumer);
    const producer = await startNode({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
      consume: false,
    });
    nodes.push(producer);
    const main = queueNames('notification', RETRY_TIERS).main;
    const queued = async () => {
      const conn = await connect(vhost.url);
      try {
        const q = await (await conn.createChannel()).checkQueue(main);
        return { ready: q.messageCount, consumers: q.consumerCount };
      } finally {
        await conn.close();
      }
    };

    down = true;
    const ids = await publishMany(producer, 6, (i) => `hold-${i}`);
    await eventually(() => consumer.logs.join('').includes('consumer paused'), { timeoutMs: 20_000 });
    // Held for 1 s, then every delivery is back in the queue, ready, and nobody consumes it: none is
    // left unacked for the broker's consumer timeout to find.
    await eventually(async () => expect(await queued()).toEqual({ ready: 6, consumers: 0 }), {
      timeoutMs: 20_000,
    });
    expect(await parked()).toEqual({ parked: 0, retried: 0 });

    down = false;
    await eventually(
      async () => {
        const rows: { event_id: string; seq: number }[] = await producer.dataSource.query(
          `SELECT event_id, seq FROM "${schema.schema}".effects WHERE event_id = ANY($1::uuid[])`,
          [ids],
        );
        // Each handled once, on its first attempt: the hand-back counted none.
        expect(rows.map((r) => r.seq)).toEqual([1, 1, 1, 1, 1, 1]);
      },
      { timeoutMs: 30_000 },
    );
    expect(await parked()).toEqual({ parked: 0, retried: 0 });
    expect(consumer.logs.join('')).not.toContain('event retry scheduled');
  }, 90_000);

  it('retries a failing handler with capped backoff until the retry horizon, then parks it with the reason', async () => {
    let tries = 0;
    const n = await startNode({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
      maxAttempts: 0,
      retryHorizonMs: 1500,
      handler: async (event, tx) => {
        if (event.aggregateId === 'poison') {
          tries++;
          throw new Error('recipient rule broken');
        }
        await recordEffect(tx.em, schema.schema, event.id, event.aggregateId);
      },
    });
    nodes.push(n);
    const [bad] = await publishMany(n, 1, () => 'poison');
    await eventually(() => n.logs.join('').includes('message parked'), { timeoutMs: 30_000 });
    const conn = await connect(vhost.url);
    const msg = await conn
      .createChannel()
      .then((ch) => ch.get(queueNames('notification', RETRY_TIERS).dlq, { noAck: true }))
      .finally(() => conn.close());
    if (!msg) throw new Error('nothing parked');
    expect(msg.properties.messageId).toBe(bad);
    expect(String(msg.properties.headers?.[REASON_HEADER])).toMatch(
      /^handler-failed: \d+ attempts over \d+ s: recipient rule broken/,
    );
    // 50, 100, 200, 400, 400 … ms within 1.5 s: more attempts than a fixed count of 3 would allow.
    expect(tries).toBeGreaterThan(3);
  }, 60_000);
});
