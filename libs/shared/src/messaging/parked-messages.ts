import type { Channel, ConfirmChannel, GetMessage } from 'amqplib';
import {
  ATTEMPT_HEADER,
  FIRST_FAILED_HEADER,
  ORIGINAL_KEY_HEADER,
  PARKED_AT_HEADER,
  REASON_HEADER,
} from './event-transport.js';
import { RETRY_TIERS, queueNames } from './topology.js';

/** One message parked in a service's `.dlq`, as an operator sees it (no payload: it may not be shown). */
export interface ParkedMessage {
  /** The event id (AMQP message id). */
  id: string;
  /** Routing key = event type it was published with. */
  type: string;
  reason: string;
  /** When it was parked (ISO 8601), if known. */
  parkedAt: string | null;
  /** Handler attempts it had before it was parked. */
  attempts: number;
}

/** Headers that describe a past failure: dropped when a message is replayed, so it starts afresh. */
const FAILURE_HEADERS = [
  REASON_HEADER,
  PARKED_AT_HEADER,
  ATTEMPT_HEADER,
  FIRST_FAILED_HEADER,
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-last-death-exchange',
  'x-last-death-queue',
  'x-last-death-reason',
  'x-delivery-count',
];

function header(msg: GetMessage, name: string): unknown {
  const v: unknown = msg.properties.headers?.[name];
  return Buffer.isBuffer(v) ? v.toString('utf8') : v;
}

function describeParked(msg: GetMessage): ParkedMessage {
  const death = header(msg, 'x-first-death-reason');
  const reason = header(msg, REASON_HEADER);
  const parkedAt = header(msg, PARKED_AT_HEADER);
  const type = header(msg, ORIGINAL_KEY_HEADER) ?? header(msg, 'x-nrm-routing-key') ?? msg.properties.type;
  return {
    id: String(msg.properties.messageId ?? ''),
    type: typeof type === 'string' ? type : msg.fields.routingKey,
    // Parked by the broker itself (the quorum queue's delivery limit: a crash loop).
    reason:
      typeof reason === 'string' ? reason : `broker: ${typeof death === 'string' ? death : 'dead-lettered'}`,
    parkedAt:
      typeof parkedAt === 'string'
        ? parkedAt
        : msg.properties.timestamp
          ? new Date(Number(msg.properties.timestamp) * 1000).toISOString()
          : null,
    attempts: Number(header(msg, ATTEMPT_HEADER) ?? 1) || 1,
  };
}

/**
 * Lists up to `limit` parked messages of `consumer` without removing them: they are taken unacked
 * and go back to the parking queue when the caller closes the channel.
 */
export async function listParkedMessages(
  channel: Channel,
  consumer: string,
  limit = 100,
): Promise<{ total: number; items: ParkedMessage[] }> {
  const { dlq } = queueNames(consumer, RETRY_TIERS);
  const { messageCount } = await channel.checkQueue(dlq);
  const items: ParkedMessage[] = [];
  for (let i = 0; i < Math.min(limit, messageCount); i++) {
    const msg = await channel.get(dlq, { noAck: false });
    if (!msg) break;
    items.push(describeParked(msg));
  }
  return { total: messageCount, items };
}

/**
 * Puts parked messages of `consumer` back on that service's OWN queue (through the default exchange,
 * by queue name — never `nrm.events`, where only the service's subscriptions would route them and
 * other services would get a second copy). With `id`, only that event; with `all`, every message
 * parked when the replay starts. Failure headers are dropped, so a replayed message has its full
 * retry horizon again. Each copy is confirmed before its parked original is acked: nothing is lost.
 */
export async function replayParkedMessages(
  channel: ConfirmChannel,
  consumer: string,
  which: { id?: string; all?: boolean },
): Promise<{ replayed: string[] }> {
  const { dlq, main } = queueNames(consumer, RETRY_TIERS);
  const { messageCount } = await channel.checkQueue(dlq);
  const replayed: string[] = [];
  for (let i = 0; i < messageCount; i++) {
    const msg = await channel.get(dlq, { noAck: false });
    if (!msg) break;
    const id = String(msg.properties.messageId ?? '');
    if (!which.all && id !== which.id) continue; // left unacked: back in the queue when the channel closes
    const headers: Record<string, unknown> = { ...(msg.properties.headers ?? {}) };
    for (const h of FAILURE_HEADERS) delete headers[h];
    headers['x-nrm-replayed-at'] = new Date().toISOString();
    await new Promise<void>((resolve, reject) =>
      channel.publish(
        '',
        main,
        msg.content,
        {
          persistent: true,
          contentType: msg.properties.contentType as string | undefined,
          messageId: id,
          type: msg.properties.type as string | undefined,
          timestamp: msg.properties.timestamp as number | undefined,
          headers,
        },
        (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('nacked')) : resolve()),
      ),
    );
    channel.ack(msg);
    replayed.push(id);
  }
  return { replayed };
}
