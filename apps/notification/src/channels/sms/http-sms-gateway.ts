import { describeError, type SendResult } from '../channel-sender.js';
import type { SmsProvider } from './sms-provider.js';

/**
 * A generic HTTP SMS gateway: `POST <url>` with JSON `{ to, text, reference }` and an optional bearer
 * token; any 2xx answer means accepted.
 */
export class HttpSmsGateway implements SmsProvider {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  async sendSms(to: string, text: string, reference: string, signal: AbortSignal): Promise<SendResult> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': reference,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to, text, reference }),
        redirect: 'error',
        signal,
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return { ok: true, responseCode: res.status };
      return { ok: false, responseCode: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      return describeError(err, signal);
    }
  }
}
