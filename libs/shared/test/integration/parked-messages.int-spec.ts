import { connect } from 'amqplib';
import {
  AmqpConnection,
  DEAD_LETTER_EXCHANGE,
  EVENTS_EXCHANGE,
  REASON_HEADER,
  RETRY_TIERS,
  ReferralReported,
  buildEnvelope,
  listParkedMessages,
  queueNames,
} from '#shared';
import { eventually, isolatedSchema, isolatedVhost, mintToken } from '#shared/testing';
import {
  effectCounts,
  publishMany,
  reported,
  startNode,
  type MessagingNode,
} from '../support/messaging-node.js';
import { startSampleApp } from '../support/sample-app.js';

/**
 * Parked messages are an operator's tool: refused events are parked with a reason (a forged
 * producer among them), listed and replayed over HTTP onto the service's own queue.
 */
describe('parked messages', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let vhost: Awaited<ReturnType<typeof isolatedVhost>>;
  const nodes: MessagingNode[] = [];

  beforeEach(async () => {
    schema = await isolatedSchema();
    vhost = await isolatedVhost();
  });
  afterEach(async () => {
    await Promise.allSettled(nodes.splice(0).map((n) => n.stop()));
    await schema.drop();
    await vhost.drop();
  });

  it('refuses an event whose producer does not own its type: parked as producer-not-allowed, no effect', async () => {
    const n = await startNode({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
    });
    nodes.push(n);
    await n.amqp.waitUntilConnected();
    const forged = buildEnvelope('shelter', ReferralReported, reported(), { aggregateId: 'forged' });
    const conn = await connect(vhost.url);
    try {
      const ch = await conn.createConfirmChannel();
      ch.publish(EVENTS_EXCHANGE, forged.type, Buffer.from(JSON.stringify(forged)), {
        persistent: true,
        messageId: forged.id,
      });
      await ch.waitForConfirms();
      await eventually(() => n.logs.join('').includes('producer-not-allowed'), { timeoutMs: 20_000 });
      const items = await eventually(async () => {
        const list = await listParkedMessages(ch, 'notification');
        if (list.items.length === 0) throw new Error('not parked yet');
        return list.items;
      });
      expect(items).toEqual([
        expect.objectContaining({ id: forged.id, type: 'referral.reported', reason: 'producer-not-allowed' }),
      ]);
    } finally {
      await conn.close();
    }
    // A genuine event after it is handled: the forged one had no effect.
    const [genuine] = await publishMany(n, 1);
    await eventually(async () => (await effectCounts(n, schema.schema)).has(genuine), { timeoutMs: 20_000 });
    expect((await effectCounts(n, schema.schema)).has(forged.id)).toBe(false);
  });

  it('lists parked messages and replays one onto the service’s own queue over HTTP, operators only', async () => {
    const app = await startSampleApp({ schema: schema.schema, databaseUrl: schema.url, amqpUrl: vhost.url });
    try {
      await app.app.get(AmqpConnection).waitUntilConnected();
      const names = queueNames('compensation', RETRY_TIERS);
      const parked = buildEnvelope('referral', ReferralReported, reported(), { aggregateId: 'p' });
      const conn = await connect(vhost.url);
      const ch = await conn.createConfirmChannel();
      ch.publish(DEAD_LETTER_EXCHANGE, 'compensation', Buffer.from(JSON.stringify(parked)), {
        persistent: true,
        messageId: parked.id,
        type: parked.type,
        headers: { [REASON_HEADER]: 'handler-failed: 9 attempts over 3600 s: boom', 'x-nrm-attempt': 9 },
      });
      await ch.waitForConfirms();

      const operator = await mintToken({ role: 'operator', org: 'OPS' });
      const admin = await mintToken({ role: 'admin', org: 'NC' });
      const get = (token: string) =>
        fetch(`${app.url}/v1/parked-messages`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get(admin)).status).toBe(403);
      const list = await get(operator);
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual({
        total: 1,
        items: [
          expect.objectContaining({
            id: parked.id,
            type: 'referral.reported',
            attempts: 9,
            reason: expect.stringContaining('boom'),
          }),
        ],
      });
      const replay = (id: string) =>
        fetch(`${app.url}/v1/parked-messages/${id}/replay`, {
          method: 'POST',
          headers: { authorization: `Bearer ${operator}` },
        });
      expect((await replay('not-a-uuid')).status).toBe(400);
      expect((await replay('5f0e6a7c-8a53-4c35-9e3e-2a3f7b0c9d1e')).status).toBe(404);
      const ok = await replay(parked.id);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ replayed: [parked.id] });
      // On the service's own queue, with no failure headers left; the parking queue is empty.
      const back = await eventually(async () => {
        const m = await ch.get(names.main, { noAck: true });
        if (!m) throw new Error('not back yet');
        return m;
      });
      expect(back.properties.messageId).toBe(parked.id);
      expect(back.properties.headers?.[REASON_HEADER]).toBeUndefined();
      expect((await ch.checkQueue(names.dlq)).messageCount).toBe(0);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/nrm_parked_messages\{service="compensation"\} 0/);
      await conn.close();
    } finally {
      await app.app.close();
    }
  });
});
