import { describeError, type SendResult } from '../channel-sender.js';
import type { OutboundHttp } from '../outbound/outbound-http.js';
import type { SmsProvider } from './sms-provider.js';

/**
 * A generic HTTP SMS gateway: `POST <url>` with JSON `{ to, text, reference }` and an optional bearer
 * token; any 2xx answer means accepted. Connections go through the same address policy as webhooks.
 */
export class HttpSmsGateway implements SmsProvider {
  constructor(
    private readonly http: OutboundHttp,
    private readonly url: string,
    private readonly token?: string,
  ) {}

  async sendSms(to: string, text: string, reference: string, signal: AbortSignal): Promise<SendResult> {
    try {
      const res = await this.http.post(
        this.url,
        {
          'content-type': 'application/json',
          'idempotency-key': reference,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        JSON.stringify({ to, text, reference }),
        signal,
      );
      if (res.status >= 200 && res.status < 300) return { ok: true, responseCode: res.status };
      return { ok: false, responseCode: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      return describeError(err, signal);
    }
  }
}
