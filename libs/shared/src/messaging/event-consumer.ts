import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { EventContract } from '../contracts/event-contract.js';
import type { Metrics } from '../observability/metrics.js';
import type { AmqpConnection } from './amqp-connection.js';
import { InvalidMessageError, parseEnvelope, type Envelope } from './envelope.js';
import {
  DEAD_LETTER_EXCHANGE,
  RETRY_TIERS,
  SUBSCRIPTIONS,
  queueNames,
  type ConsumerName,
} from './topology.js';
import type { Transaction, UnitOfWork } from './unit-of-work.js';

/** A handler's work runs in the transaction that also records the event as processed (the inbox). */
export type EventHandler<T extends object> = (event: Envelope<T>, tx: Transaction) => Promise<void>;

/** What happened to one delivery. */
export type ConsumeOutcome = 'processed' | 'duplicate' | 'retried' | 'dead_lettered';

/** Options of {@link EventConsumer}. */
export interface EventConsumerOptions {
  consumer: ConsumerName;
  amqp: AmqpConnection;
  dataSource: DataSource;
  unitOfWork: UnitOfWork;
  schema: string;
  logger: Logger;
  metrics?: Metrics;
  prefetch: number;
  maxAttempts: number;
  retryDelayMs: number;
}

/** Header carrying the attempt number of a retried message (1 = first delivery). */
export const ATTEMPT_HEADER = 'x-nrm-attempt';
/** Header carrying why a message was parked in a dead-letter queue. */
export const REASON_HEADER = 'x-nrm-dead-letter-reason';

/**
 * Consumes a service's quorum queue with manual acks and a prefetch limit.
 *
 * - Each delivery is validated (envelope and payload contract); an invalid or unknown message is
 *   parked in the service's `.dlq` with a logged reason and acked, so it never blocks the queue.
 * - The handler runs inside one transaction with the inbox insert (`ON CONFLICT DO NOTHING`): a
 *   redelivered or duplicated event is acked with no second effect.
 * - A failing handler is retried through delay queues (attempt n waits `retryDelayMs·2^(n-1)`), then
 *   parked. Retries are re-published copies, so they do not rely on requeue counting (which changed
 *   in RabbitMQ 4.3); the quorum queue's delivery limit catches only crash loops.
 * - The ack is sent after the commit (and after a retry/park copy is confirmed), so a crash at any
 *   point leads to a redelivery, never a loss.
 * - Deliveries for the same aggregate are handled one after another, in the order received.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler<object>>();
  private channel?: ConfirmChannel;
  private consumerTag?: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private stopping = false;
  private readonly names;

  constructor(private readonly options: EventConsumerOptions) {
    this.names = queueNames(options.consumer, RETRY_TIERS);
  }

  /** Registers the handler of one event contract. Call before {@link start}. */
  on<T extends object>(contract: EventContract<T>, handler: EventHandler<T>): this {
    if (!SUBSCRIPTIONS[this.options.consumer].includes(contract.type)) {
      throw new Error(
        `${this.options.consumer} is not subscribed to ${contract.type}: add it to SUBSCRIPTIONS`,
      );
    }
    this.handlers.set(contract.type, handler as EventHandler<object>);
    return this;
  }

  /** Starts consuming on every (re)connection. Refuses to start if a subscription has no handler. */
  start(): void {
    const missing = SUBSCRIPTIONS[this.options.consumer].filter((k) => !this.handlers.has(k));
    if (missing.length) throw new Error(`${this.options.consumer} has no handler for: ${missing.join(', ')}`);
    if (SUBSCRIPTIONS[this.options.consumer].length === 0) return;
    this.options.amqp.onConnect((model) => this.consume(model));
  }

  private async consume(model: ChannelModel): Promise<void> {
    if (this.stopping) return;
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) =>
      this.options.logger.warn({ err: err.message }, 'consumer channel error'),
    );
    channel.on('close', () => {
      if (!this.stopping && this.channel === channel)
        this.options.amqp.recycle(model, 'consumer channel closed');
    });
    await channel.prefetch(this.options.prefetch);
    this.channel = channel;
    const { consumerTag } = await channel.consume(this.names.main, (msg) => {
      if (!msg) return; // cancelled by the broker; the connection hook will start again on reconnect
      const key = aggregateKey(msg);
      const previous = this.chains.get(key) ?? Promise.resolve();
      const current = previous.then(() => this.handle(channel, msg));
      this.chains.set(key, current);
      const tracked = current.finally(() => {
        this.inFlight.delete(tracked);
        if (this.chains.get(key) === current) this.chains.delete(key);
      });
      this.inFlight.add(tracked);
    });
    this.consumerTag = consumerTag;
  }

  /** Stops taking deliveries and waits for those in flight to finish (graceful shutdown). */
  async stop(timeoutMs = 15_000): Promise<void> {
    this.stopping = true;
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const drained = Promise.allSettled([...this.inFlight]);
    await Promise.race([drained, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    await channel?.close().catch(() => undefined);
  }

  private async handle(channel: Channel, msg: ConsumeMessage): Promise<void> {
    const { logger, metrics } = this.options;
    let envelope: Envelope<object>;
    try {
      envelope = parseEnvelope(msg.content);
    } catch (err) {
      const reason = err instanceof InvalidMessageError ? err.reason : 'unreadable message';
      await this.park(channel, msg, reason);
      return;
    }
    const handler = this.handlers.get(envelope.type);
    if (!handler) {
      await this.park(channel, msg, `no handler for ${envelope.type}`, envelope.type);
      return;
    }
    const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1);
    try {
      const outcome = await this.runOnce(envelope, handler);
      metrics?.eventsConsumed.inc({ type: envelope.type, outcome });
      if (outcome === 'processed') {
        metrics?.eventLatency.observe(
          { type: envelope.type },
          Math.max(0, Date.now() - Date.parse(envelope.occurredAt)) / 1000,
        );
      }
      safeAck(channel, msg);
    } catch (err) {
      const reason = (err as Error)?.message?.slice(0, 300) ?? 'handler failed';
      if (attempt < this.options.maxAttempts) {
        const tier = Math.min(attempt, RETRY_TIERS);
        const delay = this.options.retryDelayMs * 2 ** (attempt - 1);
        logger.warn(
          { eventId: envelope.id, type: envelope.type, attempt, delayMs: delay, err: reason },
          'event handler failed; will retry',
        );
        try {
          await publishCopy(
            channel as ConfirmChannel,
            '',
            this.names.retry[tier - 1],
            msg,
            {
              [ATTEMPT_HEADER]: attempt + 1,
            },
            delay,
          );
          metrics?.eventsConsumed.inc({ type: envelope.type, outcome: 'retried' });
          safeAck(channel, msg);
        } catch {
          // Could not hand the copy to the broker: leave the delivery unacked; it comes back.
        }
      } else {
        await this.park(channel, msg, `handler failed after ${attempt} attempts: ${reason}`, envelope.type);
      }
    }
  }

  private async runOnce(
    envelope: Envelope<object>,
    handler: EventHandler<object>,
  ): Promise<'processed' | 'duplicate'> {
    const { dataSource, schema, consumer, unitOfWork } = this.options;
    const outcome = await dataSource.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO "${schema}".inbox (message_id, consumer, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING message_id`,
        [envelope.id, consumer, envelope.type],
      );
      if (inserted.length === 0) return 'duplicate' as const;
      await unitOfWork.run(
        (tx) => handler(envelope, tx),
        { correlationId: envelope.correlationId, causationId: envelope.id },
        em,
      );
      return 'processed' as const;
    });
    if (outcome === 'processed') unitOfWork.wake();
    return outcome;
  }

  private async park(
    channel: Channel,
    msg: ConsumeMessage,
    reason: string,
    type = String(msg.fields.routingKey),
  ): Promise<void> {
    this.options.logger.error(
      { messageId: msg.properties.messageId, routingKey: msg.fields.routingKey, reason },
      'message dead-lettered',
    );
    try {
      await publishCopy(channel as ConfirmChannel, DEAD_LETTER_EXCHANGE, this.options.consumer, msg, {
        [REASON_HEADER]: reason,
        'x-nrm-original-routing-key': msg.fields.routingKey,
        'x-nrm-dead-lettered-at': new Date().toISOString(),
      });
      this.options.metrics?.eventsConsumed.inc({ type, outcome: 'dead_lettered' });
      safeAck(channel, msg);
    } catch {
      // Not confirmed: keep the delivery; it will be redelivered and parked again.
    }
  }
}

function aggregateKey(msg: ConsumeMessage): string {
  // The envelope is parsed again in handle(); here only a cheap peek for ordering.
  try {
    const parsed = JSON.parse(msg.content.toString('utf8')) as { aggregateId?: unknown };
    if (typeof parsed.aggregateId === 'string') return parsed.aggregateId;
  } catch {
    // unparseable: its own chain
  }
  return `msg:${msg.fields.deliveryTag}`;
}

function safeAck(channel: Channel, msg: ConsumeMessage): void {
  try {
    channel.ack(msg);
  } catch {
    // The channel closed: the broker redelivers, and the inbox makes the redelivery a no-op.
  }
}

function publishCopy(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  msg: ConsumeMessage,
  headers: Record<string, unknown>,
  expirationMs?: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(
        exchange,
        routingKey,
        msg.content,
        {
          persistent: true,
          contentType: msg.properties.contentType,
          messageId: msg.properties.messageId,
          type: msg.properties.type,
          timestamp: msg.properties.timestamp,
          headers: {
            ...(msg.properties.headers ?? {}),
            'x-nrm-routing-key': msg.fields.routingKey,
            ...headers,
          },
          expiration: expirationMs !== undefined ? String(expirationMs) : undefined,
        },
        (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('nacked')) : resolve()),
      );
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
