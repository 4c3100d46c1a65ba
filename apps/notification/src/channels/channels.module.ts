import { Module } from '@nestjs/common';
import { CONFIG } from '#shared';
import type { NotificationConfig } from '../config/notification.config.js';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender.js';
import { EmailSender } from './email.sender.js';
import { SmsSender } from './sms.sender.js';
import { HttpSmsGateway } from './sms/http-sms-gateway.js';
import { UnconfiguredSmsProvider, type SmsProvider } from './sms/sms-provider.js';
import { WebhookSender } from './webhook.sender.js';

/** Token of the SMS provider, so another provider can replace the HTTP gateway. */
export const SMS_PROVIDER = Symbol('nrm:notification:sms-provider');

@Module({
  providers: [
    {
      provide: EmailSender,
      inject: [CONFIG],
      useFactory: (config: NotificationConfig) => new EmailSender(config),
    },
    { provide: WebhookSender, useValue: new WebhookSender() },
    {
      provide: SMS_PROVIDER,
      inject: [CONFIG],
      useFactory: (config: NotificationConfig): SmsProvider =>
        config.SMS_GATEWAY_URL
          ? new HttpSmsGateway(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN)
          : new UnconfiguredSmsProvider(),
    },
    {
      provide: SmsSender,
      inject: [SMS_PROVIDER],
      useFactory: (provider: SmsProvider) => new SmsSender(provider),
    },
    {
      provide: CHANNEL_SENDERS,
      inject: [EmailSender, WebhookSender, SmsSender],
      useFactory: (...senders: ChannelSender[]) => senders,
    },
  ],
  exports: [CHANNEL_SENDERS],
})
export class ChannelsModule {}
