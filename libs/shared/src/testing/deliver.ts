import { connect } from 'amqplib';
import { ATTEMPT_HEADER, FIRST_FAILED_HEADER } from '../messaging/event-transport.js';
import type { Envelope } from '../messaging/envelope.js';
import { EVENTS_EXCHANGE } from '../messaging/topology.js';

/**
 * Puts events on the bus as tests need them, in the order given, each confirmed by the broker:
 * - `{ envelope }` is published to `nrm.events` with its type as routing key, as a producer's relay does;
 * - `{ envelope, retryOf: queue }` goes straight to that consumer's queue carrying the retry headers of
 *   a second attempt, as a copy coming back from a retry queue does (a retried redelivery).
 * The envelope's `producer` must own its type; the connection's credential needs only publish rights.
 */
export async function deliverEvents(
  amqpUrl: string,
  events: { envelope: Envelope<object>; retryOf?: string }[],
): Promise<void> {
  const conn = await connect(amqpUrl);
  try {
    const channel = await conn.createConfirmChannel();
    for (const { envelope, retryOf } of events) {
      const body = Buffer.from(JSON.stringify(envelope));
      const common = { persistent: true, contentType: 'application/json', messageId: envelope.id };
      if (retryOf)
        channel.sendToQueue(retryOf, body, {
          ...common,
          headers: {
            [ATTEMPT_HEADER]: 2,
            [FIRST_FAILED_HEADER]: new Date().toISOString(),
            'x-nrm-routing-key': envelope.type,
          },
        });
      else channel.publish(EVENTS_EXCHANGE, envelope.type, body, common);
      await channel.waitForConfirms();
    }
  } finally {
    await conn.close().catch(() => undefined);
  }
}
