import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import {
  EVENTS_EXCHANGE,
  ReferralReported,
  buildEnvelope,
  queueNames,
  RETRY_TIERS,
  REASON_HEADER,
} from '#shared';
import { TcpProxy, eventually, isolatedSchema, isolatedVhost } from '#shared/testing';
import {
  effectCounts,
  publishMany,
  recordEffect,
  reported,
  startNode,
  type MessagingNode,
} from '../support/messaging-node.js';

/**
 * The event backbone as a whole: outbox → relay (publisher confirms) → quorum queue → consumer (manual
 * acks) → inbox. Each test gets its own schema and vhost, and failures are injected for real: closed
 * broker connections, dropped TCP connections, a relay that stops between publishing and marking.
 */
describe('event backbone: outbox, relay, consumer, inbox', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let vhost: Awaited<ReturnType<typeof isolatedVhost>>;
  const nodes: MessagingNode[] = [];
  const proxies: TcpProxy[] = [];
  const amqpPort = () => Number(new URL(vhost.url).port || 5672);

  beforeEach(async () => {
    schema = await isolatedSchema();
    vhost = await isolatedVhost();
  });

  afterEach(async () => {
    await Promise.allSettled(nodes.splice(0).map((n) => n.stop()));
    await Promise.allSettled(proxies.splice(0).map((p) => p.stop()));
    await schema.drop();
    await vhost.drop();
  });

  const node = async (opts: Partial<Parameters<typeof startNode>[0]> = {}) => {
    const n = await startNode({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
      ...opts,
    });
    nodes.push(n);
    return n;
  };

  const proxiedAmqpUrl = async () => {
    const proxy = await new TcpProxy('127.0.0.1', amqpPort()).start();
    proxies.push(proxy);
    const u = new URL(vhost.url);
    u.port = String(proxy.port);
    return { proxy, url: u.toString() };
  };

  const expectExactlyOnce = async (n: MessagingNode, ids: string[], timeoutMs = 20_000) => {
    await eventually(
      async () => {
        const counts = await effectCounts(n, schema.schema);
        const missing = ids.filter((id) => !counts.has(id));
        if (missing.length) throw new Error(`${missing.length} of ${ids.length} not applied yet`);
        return true;
      },
      { timeoutMs },
    );
    const counts = await effectCounts(n, schema.schema);
    expect(ids.every((id) => counts.get(id) === 1)).toBe(true);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(ids.length);
  };

  it('delivers every committed event exactly once, milliseconds after the commit', async () => {
    const committedAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const consumer = await node({
      relay: false,
      handler: async (event, tx) => {
        seenAt.set(event.id, Date.now());
        await recordEffect(tx.em, schema.schema, event.id, event.aggregateId);
      },
    });
    const producer = await node({ consume: false });
    await producer.amqp.waitUntilConnected();
    await consumer.amqp.waitUntilConnected();
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const env = await producer.uow.run(async (tx) =>
        tx.publish(ReferralReported, reported(), { aggregateId: `a${i % 7}` }),
      );
      committedAt.set(env.id, Date.now());
      ids.push(env.id);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5)); // a steady stream, not one burst
    }
    await expectExactlyOnce(consumer, ids);
    const latencies = ids.map((id) => seenAt.get(id)! - committedAt.get(id)!).sort((a, b) => a - b);
    const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    // Reported for the record (speed goals live in `npm run bench`, not in assertions).
    console.log(
      `commit → consumer latency over ${ids.length} events: median ${pick(0.5)} ms, p99 ${pick(0.99)} ms`,
    );
  });

  it('never publishes an event whose transaction rolled back', async () => {
    const consumer = await node({});
    await consumer.amqp.waitUntilConnected();
    await expect(
      consumer.uow.run(async (tx) => {
        tx.publish(ReferralReported, reported(), { aggregateId: 'x' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const [good] = await publishMany(consumer, 1);
    await expectExactlyOnce(consumer, [good]);
    const rows: unknown[] = await consumer.dataSource.query(`SELECT 1 FROM "${schema.schema}".outbox`);
    expect(rows).toHaveLength(1);
  });

  it('applies an event once when its consumer dies before acking, whether or not it had committed', async () => {
    const producer = await node({ consume: false });
    const backup = await node({ relay: false });
    const crashBeforeCommit = new Set<string>();
    const crashAfterCommit = new Set<string>();
    const victim: MessagingNode = await node({
      relay: false,
      handler: async (event, tx) => {
        if (crashBeforeCommit.has(event.id) || crashAfterCommit.has(event.id)) void victim.amqp.close(); // the process "dies"
        await recordEffect(tx.em, schema.schema, event.id, event.aggregateId);
        if (crashBeforeCommit.has(event.id)) throw new Error('died before commit');
      },
    });
    // Stop the backup from consuming until the victim has taken its deliveries.
    await backup.consumer.close();
    const ids = await publishMany(producer, 10);
    crashBeforeCommit.add(ids[3]);
    crashAfterCommit.add(ids[6]);
    const rescuer = await node({ relay: false });
    await expectExactlyOnce(rescuer, ids);
    const inbox: { n: string }[] = await rescuer.dataSource.query(
      `SELECT count(*) AS n FROM "${schema.schema}".inbox`,
    );
    expect(Number(inbox[0].n)).toBe(10);
  });

  it('applies events once when the relay dies after publishing but before marking rows sent', async () => {
    const consumer = await node({ relay: false });
    const producer = await node({ consume: false, relay: false });
    await producer.amqp.waitUntilConnected();
    const ids = await publishMany(producer, 25);
    // What a relay does up to its crash: publish with confirms, then die before the UPDATE.
    const rows: { event_id: string; event_type: string; envelope: unknown }[] =
      await producer.dataSource.query(
        `SELECT event_id, event_type, envelope FROM "${schema.schema}".outbox ORDER BY id`,
      );
    await producer.amqp.publishConfirmed(
      rows.map((r) => ({
        routingKey: r.event_type,
        messageId: r.event_id,
        body: Buffer.from(JSON.stringify(r.envelope)),
      })),
    );
    // The restarted relay finds the rows unsent and publishes them again.
    producer.relay.start();
    await eventually(async () => {
      const unsent: unknown[] = await producer.dataSource.query(
        `SELECT 1 FROM "${schema.schema}".outbox WHERE published_at IS NULL`,
      );
      return unsent.length === 0;
    });
    await expectExactlyOnce(consumer, ids);
  });

  it('applies every event once when broker connections drop mid-stream', async () => {
    const consumerLink = await proxiedAmqpUrl();
    const producerLink = await proxiedAmqpUrl();
    const consumer = await node({ relay: false, amqpUrl: consumerLink.url, prefetch: 10 });
    const producer = await node({ consume: false, amqpUrl: producerLink.url });
    await consumer.amqp.waitUntilConnected();
    await producer.amqp.waitUntilConnected();
    const writing = publishMany(producer, 300);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      consumerLink.proxy.dropConnections();
      producerLink.proxy.dropConnections();
    }
    const ids = await writing;
    await expectExactlyOnce(consumer, ids, 40_000);
  });

  it('keeps per-aggregate order and exactly-once with two relays running at once', async () => {
    const consumer = await node({ relay: false });
    const p1 = await node({ consume: false });
    const p2 = await node({ consume: false });
    await Promise.all([
      p1.amqp.waitUntilConnected(),
      p2.amqp.waitUntilConnected(),
      consumer.amqp.waitUntilConnected(),
    ]);
    const written: { id: string; aggregate: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const producer = i % 2 === 0 ? p1 : p2;
      const aggregate = `order-${i % 4}`;
      const env = await producer.uow.run(async (tx) =>
        tx.publish(ReferralReported, reported(), { aggregateId: aggregate }),
      );
      written.push({ id: env.id, aggregate });
    }
    const ids = written.map((w) => w.id);
    await expectExactlyOnce(consumer, ids);
    expect([p1.relay.isLeader, p2.relay.isLeader].filter(Boolean)).toHaveLength(1);
    const applied: { event_id: string; aggregate_id: string }[] = await consumer.dataSource.query(
      `SELECT event_id, aggregate_id FROM "${schema.schema}".effects ORDER BY at`,
    );
    for (const aggregate of ['order-0', 'order-1', 'order-2', 'order-3']) {
      expect(applied.filter((a) => a.aggregate_id === aggregate).map((a) => a.event_id)).toEqual(
        written.filter((w) => w.aggregate === aggregate).map((w) => w.id),
      );
    }
  });

  it('parks poison messages in the dead-letter queue with a reason and keeps the queue flowing', async () => {
    const consumer = await node({});
    await consumer.amqp.waitUntilConnected();
    const conn = await connect(vhost.url);
    const ch = await conn.createConfirmChannel();
    const good = buildEnvelope('referral', ReferralReported, reported(), { aggregateId: 'p' });
    const badPayload = {
      ...buildEnvelope('referral', ReferralReported, reported(), { aggregateId: 'p' }),
      data: { referralId: 'nope' },
    };
    const unknownVersion = {
      ...buildEnvelope('referral', ReferralReported, reported(), { aggregateId: 'p' }),
      version: 99,
    };
    for (const body of [
      'not json at all',
      JSON.stringify(badPayload),
      JSON.stringify(unknownVersion),
      JSON.stringify(good),
    ]) {
      ch.publish(EVENTS_EXCHANGE, 'referral.reported', Buffer.from(body), {
        persistent: true,
        messageId: randomUUID(),
      });
    }
    await ch.waitForConfirms();
    await expectExactlyOnce(consumer, [good.id]);
    const { dlq } = queueNames('notification', RETRY_TIERS);
    const reasons: string[] = [];
    await eventually(async () => {
      const msg = await ch.get(dlq, { noAck: true });
      if (msg) reasons.push(String(msg.properties.headers?.[REASON_HEADER]));
      return reasons.length === 3;
    });
    await conn.close();
    expect(reasons).toHaveLength(3);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'invalid-message: body is not JSON',
        expect.stringMatching(/^invalid-message: invalid referral\.reported@1 payload: .*referralId/),
        'invalid-message: unknown event referral.reported@99',
      ]),
    );
    expect(consumer.logs.join('')).toContain('message parked');
  });

  it('retries a failing handler with delays, then parks it after the configured attempts', async () => {
    const attempts = new Map<string, number>();
    let poisonId = '';
    const consumer = await node({
      maxAttempts: 3,
      handler: async (event, tx) => {
        attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
        if (event.id === poisonId) throw new Error('downstream refused');
        await recordEffect(tx.em, schema.schema, event.id, event.aggregateId);
      },
    });
    await consumer.amqp.waitUntilConnected();
    const poison = await consumer.uow.run(async (tx) => {
      const env = tx.publish(ReferralReported, reported(), { aggregateId: 'f' });
      poisonId = env.id;
      return env;
    });
    const others = await publishMany(consumer, 5, () => 'f');
    await expectExactlyOnce(consumer, others);
    const conn = await connect(vhost.url);
    const ch = await conn.createChannel();
    const { dlq } = queueNames('notification', RETRY_TIERS);
    const parked = await eventually(async () => {
      const msg = await ch.get(dlq, { noAck: true });
      if (!msg) throw new Error('not parked yet');
      return msg;
    });
    await conn.close();
    expect(parked.properties.messageId).toBe(poison.id);
    expect(String(parked.properties.headers?.[REASON_HEADER])).toMatch(
      /^handler-failed: 3 attempts over \d+ s: downstream refused/,
    );
    expect(attempts.get(poison.id)).toBe(3);
  });

  it('keeps publishing and consuming after a channel (not the connection) is closed under it', async () => {
    const consumer = await node({ relay: false });
    const producer = await node({ consume: false });
    await Promise.all([consumer.amqp.waitUntilConnected(), producer.amqp.waitUntilConnected()]);
    const first = await publishMany(producer, 5);
    await expectExactlyOnce(consumer, first);
    // A channel error closes only the channel; both sides must notice and reopen.
    await (consumer.consumer as unknown as { channel: { close(): Promise<void> } }).channel.close();
    await (producer.amqp as unknown as { publishChannel: { close(): Promise<void> } }).publishChannel.close();
    const second = await publishMany(producer, 5);
    await expectExactlyOnce(consumer, [...first, ...second]);
  });

  it('finishes the deliveries in flight when stopped gracefully, and acks them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered = 0;
    const consumer = await node({
      relay: false,
      handler: async (event, tx) => {
        entered++;
        await gate;
        await recordEffect(tx.em, schema.schema, event.id, event.aggregateId);
      },
    });
    const producer = await node({ consume: false });
    const ids = await publishMany(producer, 3, (i) => `g${i}`);
    await eventually(() => entered === 3);
    const stopping = consumer.consumer.close();
    setTimeout(release, 200);
    await stopping;
    const counts = await effectCounts(consumer, schema.schema);
    expect(ids.every((id) => counts.get(id) === 1)).toBe(true);
    // Acked: nothing is left for the next instance.
    const conn = await connect(vhost.url);
    const ch = await conn.createChannel();
    const { messageCount } = await ch.checkQueue(queueNames('notification', RETRY_TIERS).main);
    await conn.close();
    expect(messageCount).toBe(0);
  });

  it('publishes what was written while RabbitMQ was unreachable, once it is reachable', async () => {
    const link = await proxiedAmqpUrl();
    await link.proxy.cut();
    const consumer = await node({ relay: false });
    const producer = await node({ consume: false, amqpUrl: link.url });
    expect(producer.amqp.connected).toBe(false);
    const ids = await publishMany(producer, 15);
    await new Promise((r) => setTimeout(r, 300));
    const unsent: unknown[] = await producer.dataSource.query(
      `SELECT 1 FROM "${schema.schema}".outbox WHERE published_at IS NULL`,
    );
    expect(unsent).toHaveLength(15);
    await link.proxy.restore();
    await expectExactlyOnce(consumer, ids, 30_000);
  });
});
