import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Counter, Gauge } from 'prom-client';
import { ownerOf } from '../contracts/ownership.js';
import type { Metrics } from '../observability/metrics.js';
import type { AmqpConnection } from './amqp-connection.js';
import { DependencyGate, isDependencyFault } from './dependency-faults.js';
import { InvalidMessageError, parseEnvelope, type Envelope } from './envelope.js';
import { withTraceContext } from './trace-context.js';
import {
  DEAD_LETTER_EXCHANGE,
  RETRY_TIERS,
  SUBSCRIPTIONS,
  queueNames,
  type ConsumerName,
} from './topology.js';
import type { Transaction, UnitOfWork } from './unit-of-work.js';

/** Header carrying the attempt number of a retried message (1 = first delivery). */
export const ATTEMPT_HEADER = 'x-nrm-attempt';
/** Header carrying when the first attempt of a retried message failed (ISO 8601). */
export const FIRST_FAILED_HEADER = 'x-nrm-first-failed-at';
/** Header carrying why a message was parked in a dead-letter queue. */
export const REASON_HEADER = 'x-nrm-dead-letter-reason';
/** Header carrying when a message was parked (ISO 8601). */
export const PARKED_AT_HEADER = 'x-nrm-dead-lettered-at';
/** Header carrying the routing key a parked or retried message was first published with. */
export const ORIGINAL_KEY_HEADER = 'x-nrm-original-routing-key';

/** What happened to one delivery. */
export type ConsumeOutcome =
  'processed' | 'duplicate' | 'retried' | 'dead_lettered' | 'deferred' | 'requeued';

/** How a failing handler is retried before its message is parked. */
export interface RetryPolicy {
  /** Delay before the first retry, in ms; each further retry waits twice as long … */
  baseDelayMs: number;
  /** … up to this cap. */
  maxDelayMs: number;
  /** Retries stop (the message is parked) once this long has passed since its first failure. */
  horizonMs: number;
  /** Optional cap on attempts (0 = only the horizon counts). */
  maxAttempts: number;
}

/** Options of {@link AmqpEventTransport}. */
export interface EventTransportOptions {
  consumer: ConsumerName;
  amqp: AmqpConnection;
  dataSource: DataSource;
  unitOfWork: UnitOfWork;
  schema: string;
  logger: Logger;
  metrics?: Metrics;
  prefetch: number;
  retry: RetryPolicy;
  /** Cheap check that everything handlers need answers (default: `SELECT 1` on the data source). */
  probe?: () => Promise<void>;
  /**
   * A delivery held this long while paused goes back to the tail of the queue (no attempt counted),
   * before the broker's consumer timeout could close the channel (default 5 min, AMQP_HOLD_MAX_MS).
   */
  holdMaxMs?: number;
  /** How long {@link AmqpEventTransport.close} waits for deliveries in flight. */
  drainTimeoutMs?: number;
}

/**
 * What an `@EventPattern` handler gets besides its payload (`@Ctx() ctx: EventContext`): the whole
 * envelope, the transaction that also records the event in the inbox (write through `ctx.tx.em`,
 * publish follow-up events with `ctx.tx.publish`), and the attempt number.
 */
export class EventContext<T extends object = object> extends BaseRpcContext<
  [Envelope<object>, Transaction, number]
> {
  /** The whole envelope; `T` is the payload type the handler declares (validated by the transport). */
  get envelope(): Envelope<T> {
    return this.args[0] as Envelope<T>;
  }
  get tx(): Transaction {
    return this.args[1];
  }
  get attempt(): number {
    return this.args[2];
  }
}

/**
 * The platform's Nest microservices transport on RabbitMQ (amqplib). Handlers are `@EventPattern`
 * methods of providers or controllers; global pipes, interceptors and exception filters apply when
 * the transport is connected with `inheritAppConfig: true`.
 *
 * What it guarantees:
 * - The service's quorum queue is consumed with manual acks and a prefetch limit; each delivery is
 *   validated (envelope, payload contract, producer ownership) and parked with a reason if invalid.
 * - The handler runs inside one transaction with the inbox insert (`ON CONFLICT DO NOTHING`), so a
 *   redelivered event has no second effect; the ack is sent after the commit.
 * - Deliveries for one aggregate are handled one after another, in the order received.
 * - A failure of the service's own dependencies (database unreachable, role locked out, no
 *   connection slots) is not the message's fault: the transport stops taking deliveries, holds those
 *   in flight unacked, probes until the database answers and then handles them; no attempt is
 *   counted, nothing is parked, however long the outage.
 * - A failure of the handler itself is retried through delay queues with capped exponential backoff
 *   until the retry horizon, then the message is parked in `<service>.events.dlq`.
 */
export class AmqpEventTransport extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  /** Opens and closes with the service's dependencies; exposed for tests and health. */
  readonly gate: DependencyGate;
  private channel?: ConfirmChannel;
  private consumerTag?: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private stopping = false;
  private listening = false;
  private readonly names;
  private readonly refused?: Counter<'type' | 'reason'>;
  private readonly paused?: Gauge;
  private readonly closedChannels = new WeakSet<Channel>();

  constructor(private readonly options: EventTransportOptions) {
    super();
    this.names = queueNames(options.consumer, RETRY_TIERS);
    const probe = options.probe ?? (async () => void (await options.dataSource.query('SELECT 1')));
    this.gate = new DependencyGate({
      probe,
      onPause: (reason) => this.pause(reason),
      onResume: (pausedMs) => this.resume(pausedMs),
    });
    this.refused = options.metrics?.counter(
      'events_refused_total',
      'Events refused by a consumer and parked, by type and reason (e.g. producer-not-allowed)',
      ['type', 'reason'],
    );
    this.paused = options.metrics?.gauge(
      'event_consumer_paused',
      '1 while the consumer is paused because a dependency (the database) is unavailable',
    );
  }

  /** The queues this transport reads and writes. */
  get queues() {
    return this.names;
  }

  /**
   * Called by Nest (`startAllMicroservices`) once every `@EventPattern` is registered. Refuses to
   * start when a subscribed routing key has no handler or a handler has no subscription.
   */
  listen(callback: (err?: unknown) => void): void {
    const subscribed = SUBSCRIPTIONS[this.options.consumer] ?? [];
    const missing = subscribed.filter((k) => !this.getHandlerByPattern(k));
    const unsubscribed = [...this.getHandlers().keys()].filter((k) => !subscribed.includes(k));
    if (missing.length || unsubscribed.length) {
      const problems = [
        missing.length ? `no @EventPattern handler for: ${missing.join(', ')}` : '',
        unsubscribed.length
          ? `not in SUBSCRIPTIONS.${this.options.consumer}: ${unsubscribed.join(', ')}`
          : '',
      ].filter(Boolean);
      callback(new Error(`${this.options.consumer} event transport: ${problems.join('; ')}`));
      return;
    }
    if (!this.listening && subscribed.length > 0) {
      this.listening = true;
      this.options.amqp.onConnect((model) => this.consume(model));
    }
    callback();
  }

  /** Stops taking deliveries and waits for those in flight to finish (graceful shutdown). Idempotent. */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    this.consumerTag = undefined;
    // Held deliveries are released unhandled (they stay unacked and return to the queue).
    await this.gate.stop();
    let timer: NodeJS.Timeout | undefined;
    const drained = Promise.allSettled([...this.inFlight]);
    await Promise.race([
      drained,
      new Promise((r) => (timer = setTimeout(r, this.options.drainTimeoutMs ?? 15_000))),
    ]);
    clearTimeout(timer);
    await channel?.close().catch(() => undefined);
  }

  on(): never {
    throw new Error('AmqpEventTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.channel as T;
  }

  private async consume(model: ChannelModel): Promise<void> {
    if (this.stopping) return;
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) =>
      this.options.logger.warn({ err: err.message }, 'consumer channel error'),
    );
    channel.on('close', () => {
      this.closedChannels.add(channel);
      if (this.channel !== channel) return;
      this.channel = undefined;
      this.consumerTag = undefined;
      if (!this.stopping) this.options.amqp.recycle(model, 'consumer channel closed');
    });
    await channel.prefetch(this.options.prefetch);
    this.channel = channel;
    // While the database is down, a new connection does not start consuming; resume() will.
    if (this.gate.isOpen) await this.startConsuming(channel);
  }

  private async startConsuming(channel: ConfirmChannel): Promise<void> {
    if (this.consumerTag || this.stopping) return;
    const { consumerTag } = await channel.consume(this.names.main, (msg) => {
      if (msg) this.dispatch(channel, msg);
      // null: cancelled by the broker; the connection hook starts again on reconnect
    });
    this.consumerTag = consumerTag;
  }

  private async pause(reason: string): Promise<void> {
    this.paused?.set(1);
    this.options.logger.warn(
      { reason },
      'a dependency is unavailable: consumer paused; deliveries in flight are held, no attempt counted',
    );
    const channel = this.channel;
    const tag = this.consumerTag;
    this.consumerTag = undefined;
    if (channel && tag) await channel.cancel(tag).catch(() => undefined);
  }

  private async resume(pausedMs: number): Promise<void> {
    this.paused?.set(0);
    this.options.logger.info({ pausedMs }, 'dependencies answer again: consumer resumed');
    if (this.channel && !this.stopping) await this.startConsuming(this.channel).catch(() => undefined);
  }

  private dispatch(channel: ConfirmChannel, msg: ConsumeMessage): void {
    const key = aggregateKey(msg);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const current = previous.then(() => this.handle(channel, msg));
    this.chains.set(key, current);
    const tracked = current
      .catch((err: unknown) =>
        this.options.logger.error({ err: (err as Error)?.message }, 'event delivery failed unexpectedly'),
      )
      .finally(() => {
        this.inFlight.delete(tracked);
        if (this.chains.get(key) === current) this.chains.delete(key);
      });
    this.inFlight.add(tracked);
  }

  private async handle(channel: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const { logger, metrics } = this.options;
    let envelope: Envelope<object>;
    try {
      envelope = parseEnvelope(msg.content);
    } catch (err) {
      const reason = err instanceof InvalidMessageError ? err.reason : 'unreadable message';
      await this.park(channel, msg, `invalid-message: ${reason}`);
      return;
    }
    // Only the service that owns an event type may publish it: a credential that can reach the
    // bus must not be able to forge another service's facts (e.g. a facility's access to a victim).
    const owner = ownerOf(envelope.type);
    if (owner === undefined || owner !== envelope.producer) {
      this.refused?.inc({ type: envelope.type, reason: 'producer-not-allowed' });
      await this.park(channel, msg, 'producer-not-allowed', envelope.type);
      return;
    }
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) {
      await this.park(channel, msg, `no-handler: ${envelope.type}`, envelope.type);
      return;
    }
    const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1);
    for (;;) {
      if (!this.gate.isOpen) {
        const opened = await this.holdUntilOpen();
        if (this.stopping || !this.isOpen(channel)) return; // unacked: the broker redelivers it
        if (!opened) {
          // Paused for long: hand the delivery back to the tail of our own queue rather than hold it
          // past the broker's consumer timeout (which would count a delivery). Same headers: no attempt.
          try {
            await publishCopy(channel, '', this.names.main, msg, {});
            metrics?.eventsConsumed.inc({ type: envelope.type, outcome: 'requeued' });
            safeAck(channel, msg);
            return;
          } catch {
            continue;
          }
        }
      }
      if (!this.isOpen(channel)) return;
      try {
        const outcome = await this.runOnce(envelope, handler, attempt, msg);
        metrics?.eventsConsumed.inc({ type: envelope.type, outcome });
        if (outcome === 'processed') {
          metrics?.eventLatency.observe(
            { type: envelope.type },
            Math.max(0, Date.now() - Date.parse(envelope.occurredAt)) / 1000,
          );
        }
        safeAck(channel, msg);
        return;
      } catch (err) {
        if (this.stopping) return; // leave it unacked; another instance (or the restart) handles it
        // The database failing under the handler is not the message's fault; neither is any failure
        // while the probe cannot reach it.
        if (isDependencyFault(err) || !(await this.gate.check())) {
          metrics?.eventsConsumed.inc({ type: envelope.type, outcome: 'deferred' });
          this.gate.trip(describe(err));
          continue;
        }
        if (isRejection(err)) {
          await this.park(channel, msg, `rejected: ${describe(err)}`, envelope.type);
          return;
        }
        logger.warn(
          { eventId: envelope.id, type: envelope.type, attempt, err: describe(err) },
          'event handler failed',
        );
        await this.retryOrPark(channel, msg, envelope, attempt, describe(err));
        return;
      }
    }
  }

  private isOpen(channel: Channel): boolean {
    return !this.closedChannels.has(channel);
  }

  /** Waits for the gate to open; false when it stayed closed for `holdMaxMs`. */
  private async holdUntilOpen(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const holdMs = this.options.holdMaxMs ?? 5 * 60_000;
    const opened = await Promise.race([
      this.gate.whenOpen().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), holdMs))),
    ]);
    clearTimeout(timer);
    return opened && this.gate.isOpen;
  }

  private async runOnce(
    envelope: Envelope<object>,
    handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>,
    attempt: number,
    msg: ConsumeMessage,
  ): Promise<'processed' | 'duplicate'> {
    const { dataSource, schema, consumer, unitOfWork } = this.options;
    // An event that changed state without announcing anything does not wake the outbox relay (nor,
    // on another instance, NOTIFY its leader): only the commit listeners.
    const written = { outbox: false };
    const outcome = await withTraceContext(msg.properties.headers, () =>
      dataSource.transaction(async (em) => {
        const inserted: unknown[] = await em.query(
          `INSERT INTO "${schema}".inbox (message_id, consumer, event_type) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING message_id`,
          [envelope.id, consumer, envelope.type],
        );
        if (inserted.length === 0) return 'duplicate' as const;
        await unitOfWork.run(
          async (tx) => {
            const result: unknown = await handler(envelope.data, new EventContext([envelope, tx, attempt]));
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          },
          { correlationId: envelope.correlationId, causationId: envelope.id },
          em,
          written,
        );
        return 'processed' as const;
      }),
    );
    if (outcome === 'processed') unitOfWork.wake(written.outbox);
    return outcome;
  }

  private async retryOrPark(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    envelope: Envelope<object>,
    attempt: number,
    reason: string,
  ): Promise<void> {
    const { retry, logger, metrics } = this.options;
    const firstFailedRaw = msg.properties.headers?.[FIRST_FAILED_HEADER];
    const firstFailedAt = typeof firstFailedRaw === 'string' ? Date.parse(firstFailedRaw) : Date.now();
    const delay = retryDelay(retry, attempt);
    const elapsed = Date.now() - (Number.isFinite(firstFailedAt) ? firstFailedAt : Date.now());
    const exhausted =
      (retry.maxAttempts > 0 && attempt >= retry.maxAttempts) || elapsed + delay > retry.horizonMs;
    if (exhausted) {
      await this.park(
        channel,
        msg,
        `handler-failed: ${attempt} attempts over ${Math.round(elapsed / 1000)} s: ${reason}`,
        envelope.type,
      );
      return;
    }
    const tier = Math.min(attempt, RETRY_TIERS);
    logger.warn(
      { eventId: envelope.id, type: envelope.type, attempt, delayMs: delay },
      'event retry scheduled',
    );
    try {
      await publishCopy(
        channel,
        '',
        this.names.retry[tier - 1],
        msg,
        {
          [ATTEMPT_HEADER]: attempt + 1,
          [FIRST_FAILED_HEADER]: new Date(
            Number.isFinite(firstFailedAt) ? firstFailedAt : Date.now(),
          ).toISOString(),
        },
        delay,
      );
      metrics?.eventsConsumed.inc({ type: envelope.type, outcome: 'retried' });
      safeAck(channel, msg);
    } catch {
      // Could not hand the copy to the broker: leave the delivery unacked; it comes back.
    }
  }

  private async park(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    reason: string,
    type = String(msg.fields.routingKey),
  ): Promise<void> {
    this.options.logger.error(
      { messageId: msg.properties.messageId, routingKey: msg.fields.routingKey, reason },
      'message parked',
    );
    try {
      await publishCopy(channel, DEAD_LETTER_EXCHANGE, this.options.consumer, msg, {
        [REASON_HEADER]: reason.slice(0, 500),
        [ORIGINAL_KEY_HEADER]: originalKey(msg),
        [PARKED_AT_HEADER]: new Date().toISOString(),
      });
      this.options.metrics?.eventsConsumed.inc({ type, outcome: 'dead_lettered' });
      safeAck(channel, msg);
    } catch {
      // Not confirmed: keep the delivery; it will be redelivered and parked again.
    }
  }
}

/** Delay before retry `attempt` + 1: base·2^(attempt-1), capped. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
}

/** Errors that say the message itself is unacceptable (validation by a pipe): retrying cannot help. */
function isRejection(err: unknown): boolean {
  if (err instanceof InvalidMessageError) return true;
  const e = err as { code?: unknown; status?: unknown; getStatus?: () => number };
  return e?.code === 'validation-failed' || (typeof e?.getStatus === 'function' && e.getStatus() === 400);
}

function describe(err: unknown): string {
  const message = (err as Error)?.message;
  return (typeof message === 'string' && message ? message : 'handler failed').slice(0, 300);
}

function originalKey(msg: ConsumeMessage): string {
  const h = msg.properties.headers?.[ORIGINAL_KEY_HEADER] ?? msg.properties.headers?.['x-nrm-routing-key'];
  return typeof h === 'string' ? h : msg.fields.routingKey;
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

/** Publishes a copy of a delivery (same body, id and headers plus `headers`) and awaits its confirm. */
export function publishCopy(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  msg: Pick<ConsumeMessage, 'content' | 'properties' | 'fields'>,
  headers: Record<string, unknown>,
  expirationMs?: number,
): Promise<void> {
  const existing: Record<string, unknown> = msg.properties.headers ?? {};
  return new Promise((resolve, reject) => {
    try {
      channel.publish(
        exchange,
        routingKey,
        msg.content,
        {
          persistent: true,
          contentType: msg.properties.contentType as string | undefined,
          messageId: msg.properties.messageId as string | undefined,
          type: msg.properties.type as string | undefined,
          timestamp: msg.properties.timestamp as number | undefined,
          headers: {
            ...existing,
            'x-nrm-routing-key': existing['x-nrm-routing-key'] ?? msg.fields.routingKey,
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
