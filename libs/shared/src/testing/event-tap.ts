import { connect, type Channel, type ChannelModel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { EVENTS_EXCHANGE } from '../messaging/topology.js';
import type { Envelope } from '../messaging/envelope.js';
import { eventually } from './test-env.js';

/**
 * Listens to every event on `nrm.events` in the test run's vhost through its own exclusive queue, so
 * tests can assert what a service published.
 */
export class EventTap {
  readonly events: Envelope<Record<string, unknown>>[] = [];
  private conn?: ChannelModel;
  private channel?: Channel;

  static async open(amqpUrl: string, pattern = '#'): Promise<EventTap> {
    const tap = new EventTap();
    tap.conn = await connect(amqpUrl);
    tap.channel = await tap.conn.createChannel();
    await tap.channel
      .assertExchange(EVENTS_EXCHANGE, 'topic', {
        durable: true,
        arguments: { 'alternate-exchange': 'nrm.events.unrouted' },
      })
      .catch(async () => {
        // declared by a service already with its arguments: reopen the channel closed by the mismatch
        tap.channel = await tap.conn!.createChannel();
      });
    const { queue } = await tap.channel.assertQueue(`test.tap.${randomUUID()}`, {
      exclusive: true,
      autoDelete: true,
    });
    await tap.channel.bindQueue(queue, EVENTS_EXCHANGE, pattern);
    await tap.channel.consume(
      queue,
      (msg) => {
        if (!msg) return;
        try {
          tap.events.push(JSON.parse(msg.content.toString('utf8')));
        } catch {
          // not JSON: ignore
        }
      },
      { noAck: true },
    );
    return tap;
  }

  /** Waits for an event of `type` matching `predicate`, and returns it. */
  async waitFor<T = Record<string, unknown>>(
    type: string,
    predicate: (data: T, env: Envelope<T>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Envelope<T>> {
    return eventually(
      () => {
        const found = this.events.find((e) => e.type === type && predicate(e.data as T, e as Envelope<T>));
        if (!found)
          throw new Error(
            `no ${type} event seen (saw: ${[...new Set(this.events.map((e) => e.type))].join(', ') || 'none'})`,
          );
        return found as unknown as Envelope<T>;
      },
      { timeoutMs },
    );
  }

  ofType(type: string): Envelope<Record<string, unknown>>[] {
    return this.events.filter((e) => e.type === type);
  }

  async close(): Promise<void> {
    await this.conn?.close().catch(() => undefined);
  }
}
