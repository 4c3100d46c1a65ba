import type { ChannelSender, Destination, OutgoingMessage, SendResult } from './channel-sender.js';
import type { SmsProvider } from './sms/sms-provider.js';

/** SMS through a provider; the text is the short message (the subject is left out). */
export class SmsSender implements ChannelSender {
  readonly channel = 'sms' as const;

  constructor(private readonly provider: SmsProvider) {}

  send(message: OutgoingMessage, destination: Destination, signal: AbortSignal): Promise<SendResult> {
    return this.provider.sendSms(destination.address, message.text, message.deliveryId, signal);
  }
}
