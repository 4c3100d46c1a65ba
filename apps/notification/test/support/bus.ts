import { randomUUID } from 'node:crypto';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { EVENTS_EXCHANGE, buildEnvelope, ownerOf, type Envelope, type EventContract } from '#shared';

/** Publishes events on `nrm.events` as another service's outbox relay would (persistent, confirmed). */
export class TestPublisher {
  private constructor(
    private readonly conn: ChannelModel,
    private readonly channel: ConfirmChannel,
  ) {}

  static async open(amqpUrl: string): Promise<TestPublisher> {
    const conn = await connect(amqpUrl);
    return new TestPublisher(conn, await conn.createConfirmChannel());
  }

  async publish<T extends object>(
    contract: EventContract<T>,
    data: T,
    opts: { aggregateId?: string } = {},
  ): Promise<Envelope<T>> {
    // As the owning service would: consumers refuse an event from any other producer.
    const env = buildEnvelope(ownerOf(contract.type) ?? 'unknown', contract, data, {
      aggregateId: opts.aggregateId ?? randomUUID(),
    });
    await this.publishEnvelope(env);
    return env;
  }

  /** Publishes an envelope as is (e.g. a second time, as a redelivery would). */
  async publishEnvelope(env: Envelope<object>): Promise<void> {
    this.channel.publish(EVENTS_EXCHANGE, env.type, Buffer.from(JSON.stringify(env)), {
      persistent: true,
      contentType: 'application/json',
      messageId: env.id,
      type: env.type,
    });
    await this.channel.waitForConfirms();
  }

  async close(): Promise<void> {
    await this.conn.close().catch(() => undefined);
  }
}
