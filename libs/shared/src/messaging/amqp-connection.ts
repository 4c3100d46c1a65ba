import {
  connect,
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type RecoveringChannelModel,
} from 'amqplib';
import type { Logger } from 'pino';
import {
  BROKER_DELIVERY_LIMIT,
  DEAD_LETTER_EXCHANGE,
  EVENTS_EXCHANGE,
  RETRY_TIERS,
  SUBSCRIPTIONS,
  UNROUTED_EXCHANGE,
  UNROUTED_QUEUE,
  queueNames,
  type ConsumerName,
} from './topology.js';

/** A message ready to publish: routing key, id and body. */
export interface OutgoingMessage {
  exchange?: string;
  routingKey: string;
  messageId: string;
  body: Buffer;
  headers?: Record<string, unknown>;
  expiration?: number;
}

type ConnectHook = (model: ChannelModel) => Promise<void>;

/** Options of {@link AmqpConnection}. */
export interface AmqpConnectionOptions {
  url: string;
  /** Name of this service, shown in the broker's connection list. */
  service: string;
  logger: Logger;
  /** Max reconnect delay in ms (backoff with jitter up to this). */
  maxReconnectDelayMs?: number;
}

/**
 * One long-lived RabbitMQ connection per service instance, recovered with exponential backoff and
 * jitter (amqplib's own recovery). On every (re)connection it declares the whole topology, opens a
 * confirm channel for publishing and runs the registered hooks (consumers), in that order, so nothing
 * is published or consumed before the queues exist.
 */
export class AmqpConnection {
  private model?: RecoveringChannelModel;
  private publishChannel?: ConfirmChannel;
  private hooks: ConnectHook[] = [];
  private connectedFlag = false;
  private closing = false;
  private readyWaiters: (() => void)[] = [];
  private lastError?: string;
  private currentModel?: ChannelModel;

  constructor(private readonly options: AmqpConnectionOptions) {}

  /** True while a connection is up and the topology has been declared on it. */
  get connected(): boolean {
    return this.connectedFlag;
  }

  get lastErrorMessage(): string | undefined {
    return this.lastError;
  }

  /**
   * Registers work to do on each (re)connection after the topology is declared (e.g. start
   * consuming); runs it at once on the current connection if there is one.
   */
  onConnect(hook: ConnectHook): void {
    this.hooks.push(hook);
    const model = this.currentModel;
    if (this.connectedFlag && model) {
      hook(model).catch((err: unknown) => {
        this.options.logger.warn({ err: (err as Error)?.message }, 'rabbitmq connect hook failed');
        this.recycle(model, 'connect hook failed');
      });
    }
  }

  /**
   * Runs `work` on a fresh confirm channel of the live connection and closes the channel afterwards
   * (unacked deliveries it took go back to their queue). For operator tools and gauges.
   */
  async withChannel<R>(work: (channel: ConfirmChannel) => Promise<R>): Promise<R> {
    const model = this.currentModel;
    if (!model || !this.connectedFlag) throw new Error('rabbitmq not connected');
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined);
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Starts connecting in the background; never throws while the broker is down. */
  async start(): Promise<void> {
    const { logger } = this.options;
    this.model = await connect(this.options.url, {
      clientProperties: { connection_name: `${this.options.service}@${process.pid}` },
      // Without TCP_NODELAY, Nagle's algorithm and the broker's delayed ACKs hold a publish that
      // follows an ack on the same connection for ~40 ms: every event a consumer's handler publishes
      // would be late by that much.
      noDelay: true,
      recovery: {
        waitForConnect: false,
        initialDelay: 200,
        maxDelay: this.options.maxReconnectDelayMs ?? 10_000,
        factor: 2,
        jitter: 0.3,
        setup: async (model: ChannelModel) => this.setup(model),
      },
    } as never);
    this.model.on('disconnect', (err: Error) => {
      this.connectedFlag = false;
      this.publishChannel = undefined;
      this.currentModel = undefined;
      this.lastError = err?.message;
      if (!this.closing) logger.warn({ err: err?.message }, 'rabbitmq connection lost; reconnecting');
    });
    this.model.on('connect-failed', (err: Error) => {
      this.lastError = err?.message;
    });
    this.model.on('reconnect-scheduled', (info: { attempt: number; delay: number; error: Error }) => {
      logger.warn(
        { attempt: info.attempt, delayMs: info.delay, err: info.error?.message },
        'rabbitmq unreachable; retrying',
      );
    });
    this.model.on('error', (err: Error) => {
      this.lastError = err?.message;
    });
  }

  private async setup(model: ChannelModel): Promise<void> {
    model.on('error', () => undefined);
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) =>
      this.options.logger.warn({ err: err.message }, 'rabbitmq publish channel error'),
    );
    channel.on('close', () => {
      if (this.publishChannel === channel) {
        this.publishChannel = undefined;
        this.connectedFlag = false;
        this.recycle(model, 'publish channel closed');
      }
    });
    await declareTopologyAsPermitted(model, this.options.service);
    this.publishChannel = channel;
    this.currentModel = model;
    for (const hook of this.hooks) await hook(model);
    this.connectedFlag = true;
    this.lastError = undefined;
    this.options.logger.info('rabbitmq connected; topology declared');
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    waiters.forEach((w) => w());
  }

  /**
   * Closes the underlying connection after one of its channels closed unexpectedly (a channel error
   * such as an unknown delivery tag closes only the channel): amqplib's recovery then reconnects and
   * runs the whole setup again, so publishing and consuming resume instead of silently stopping.
   */
  recycle(model: ChannelModel, reason: string): void {
    if (this.closing) return;
    this.options.logger.warn({ reason }, 'rabbitmq channel lost; reopening the connection');
    model.close().catch(() => undefined);
  }

  /** Resolves once connected (or after `timeoutMs`, rejecting). */
  waitUntilConnected(timeoutMs = 30_000): Promise<void> {
    if (this.connectedFlag) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('rabbitmq not connected in time')), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Publishes a batch as persistent messages and resolves when the broker has confirmed every one
   * (publisher confirms). Rejects if any is nacked or the channel closes first; the caller keeps the
   * messages (outbox rows) and tries again, so nothing is lost.
   */
  async publishConfirmed(messages: OutgoingMessage[]): Promise<void> {
    const channel = this.publishChannel;
    if (!channel || !this.connectedFlag) throw new Error('rabbitmq not connected');
    const confirms = messages.map(
      (m) =>
        new Promise<void>((resolve, reject) => {
          channel.publish(
            m.exchange ?? EVENTS_EXCHANGE,
            m.routingKey,
            m.body,
            {
              persistent: true,
              contentType: 'application/json',
              messageId: m.messageId,
              type: m.routingKey,
              timestamp: Math.floor(Date.now() / 1000),
              headers: m.headers,
              expiration: m.expiration !== undefined ? String(m.expiration) : undefined,
            },
            (err: unknown) =>
              err ? reject(err instanceof Error ? err : new Error('message nacked by broker')) : resolve(),
          );
        }),
    );
    await Promise.all(confirms);
  }

  /** Closes the connection (no reconnection afterwards). */
  async close(): Promise<void> {
    this.closing = true;
    this.connectedFlag = false;
    try {
      await this.model?.close();
    } catch {
      // already closed
    }
  }
}

/**
 * Declares the whole platform topology: the events exchange with its alternate exchange, the
 * dead-letter exchange, and for every consumer its main quorum queue, retry tiers and parking queue.
 * Idempotent, so every service runs it on every connection.
 */
export async function declareTopology(channel: Channel, only?: string): Promise<void> {
  await channel.assertExchange(UNROUTED_EXCHANGE, 'fanout', { durable: true });
  await channel.assertQueue(UNROUTED_QUEUE, {
    durable: true,
    // Unroutable events are kept for inspection, bounded so they can never fill the disk.
    arguments: { 'x-queue-type': 'quorum', 'x-max-length': 100_000, 'x-overflow': 'drop-head' },
  });
  await channel.bindQueue(UNROUTED_QUEUE, UNROUTED_EXCHANGE, '');
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', {
    durable: true,
    arguments: { 'alternate-exchange': UNROUTED_EXCHANGE },
  });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
  for (const [consumer, keys] of Object.entries(SUBSCRIPTIONS) as [ConsumerName, readonly string[]][]) {
    if (only !== undefined && consumer !== only) continue;
    const names = queueNames(consumer, RETRY_TIERS);
    await channel.assertQueue(names.dlq, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(names.dlq, DEAD_LETTER_EXCHANGE, consumer);
    await channel.assertQueue(names.main, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': BROKER_DELIVERY_LIMIT,
        'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
        'x-dead-letter-routing-key': consumer,
      },
    });
    for (const retry of names.retry) {
      // Classic queues whose messages carry their own expiration and, when it runs out, go back to the
      // main queue through the default exchange. One queue per delay tier, so no message waits behind
      // a longer one.
      await channel.assertQueue(retry, {
        durable: true,
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.main },
      });
    }
    for (const key of keys) await channel.bindQueue(names.main, EVENTS_EXCHANGE, key);
  }
}

/**
 * Declares the whole topology where the credential may (an administrator, development's `guest`);
 * a service's own broker user may configure only its own queues and the shared exchanges, so for it
 * the broker refuses the others' queues (403) and the service declares its own part alone. Each on a
 * throwaway channel, since a refusal closes the channel.
 */
export async function declareTopologyAsPermitted(model: ChannelModel, service: string): Promise<void> {
  const attempt = async (only?: string) => {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    try {
      await declareTopology(channel, only);
    } finally {
      await channel.close().catch(() => undefined);
    }
  };
  try {
    await attempt();
  } catch (err) {
    if ((err as { code?: number }).code !== 403) throw err;
    await attempt(service);
  }
}
