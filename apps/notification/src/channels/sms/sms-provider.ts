import type { SendResult } from '../channel-sender.js';

/** An SMS provider: sends one text to one E.164 number. `reference` (the delivery id) lets it dedupe. */
export interface SmsProvider {
  sendSms(to: string, text: string, reference: string, signal: AbortSignal): Promise<SendResult>;
}

/** Used when no gateway is configured: every SMS delivery fails visibly instead of vanishing. */
export class UnconfiguredSmsProvider implements SmsProvider {
  async sendSms(): Promise<SendResult> {
    return { ok: false, error: 'no SMS gateway configured (SMS_GATEWAY_URL)' };
  }
}
