import { Webhook } from 'standardwebhooks';
import type { ChannelSender, Destination, OutgoingMessage, SendResult } from './channel-sender.js';
import { describeError } from './channel-sender.js';
import type { OutboundHttp } from './outbound/outbound-http.js';

/** The JSON body of every webhook (documented for receivers). */
export interface WebhookBody {
  /** The delivery id, equal to the `webhook-id` header: receivers dedupe on it. */
  id: string;
  type: string;
  eventId: string;
  occurredAt: string;
  language: string;
  subject: string;
  text: string;
  /** Whitelisted values only: case number, victimRef, facility code, dates, amounts. */
  data: Record<string, string>;
}

/**
 * Webhooks over HTTP POST, signed with the Standard Webhooks scheme: `webhook-id` (the delivery id,
 * stable across retries), `webhook-timestamp` (signed anew at each attempt, as receivers refuse
 * stale ones) and `webhook-signature` (`v1,` HMAC-SHA256 of `id.timestamp.body`).
 */
export class WebhookSender implements ChannelSender {
  readonly channel = 'webhook' as const;

  constructor(private readonly http: OutboundHttp) {}

  async send(message: OutgoingMessage, destination: Destination, signal: AbortSignal): Promise<SendResult> {
    if (!destination.secret) return { ok: false, error: 'webhook recipient has no signing secret' };
    const body: WebhookBody = {
      id: message.deliveryId,
      type: message.eventType,
      eventId: message.eventId,
      occurredAt: message.occurredAt.toISOString(),
      language: message.language,
      subject: message.subject,
      text: message.text,
      data: message.variables,
    };
    const payload = JSON.stringify(body);
    const timestamp = new Date();
    const signature = new Webhook(destination.secret).sign(message.deliveryId, timestamp, payload);
    try {
      const res = await this.http.post(
        destination.address,
        {
          'content-type': 'application/json',
          'user-agent': 'nrm-notification/1',
          'webhook-id': message.deliveryId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        payload,
        signal,
      );
      if (res.status >= 200 && res.status < 300) return { ok: true, responseCode: res.status };
      return { ok: false, responseCode: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      return describeError(err, signal);
    }
  }

  close(): void {
    this.http.close();
  }
}
