import { Module } from '@nestjs/common';
import { CONFIG } from '#shared';
import { allowedHosts, isProduction, type NotificationConfig } from '../config/notification.config.js';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender.js';
import { EmailSender } from './email.sender.js';
import { AddressPolicy } from './outbound/address-policy.js';
import { OutboundHttp } from './outbound/outbound-http.js';
import { SmsSender } from './sms.sender.js';
import { HttpSmsGateway } from './sms/http-sms-gateway.js';
import { UnconfiguredSmsProvider, type SmsProvider } from './sms/sms-provider.js';
import { WebhookSender } from './webhook.sender.js';

/** Token of the SMS provider, so another provider can replace the HTTP gateway. */
export const SMS_PROVIDER = Symbol('nrm:notification:sms-provider');

@Module({
  providers: [
    {
      provide: AddressPolicy,
      inject: [CONFIG],
      useFactory: (config: NotificationConfig) =>
        new AddressPolicy({ production: isProduction(config), allowHosts: allowedHosts(config) }),
    },
    {
      provide: OutboundHttp,
      inject: [AddressPolicy],
      useFactory: (policy: AddressPolicy) => new OutboundHttp(policy),
    },
    {
      provide: EmailSender,
      inject: [CONFIG],
      useFactory: (config: NotificationConfig) => new EmailSender(config),
    },
    {
      provide: WebhookSender,
      inject: [OutboundHttp],
      useFactory: (http: OutboundHttp) => new WebhookSender(http),
    },
    {
      provide: SMS_PROVIDER,
      inject: [CONFIG, OutboundHttp, AddressPolicy],
      useFactory: (config: NotificationConfig, http: OutboundHttp, policy: AddressPolicy): SmsProvider => {
        if (!config.SMS_GATEWAY_URL) return new UnconfiguredSmsProvider();
        // The gateway is checked at start (scheme, literal address) and at every connection.
        if (policy.checkUrl(config.SMS_GATEWAY_URL))
          throw new Error('SMS_GATEWAY_URL is not allowed: https only in production, no internal address');
        return new HttpSmsGateway(http, config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN);
      },
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
  exports: [CHANNEL_SENDERS, AddressPolicy],
})
export class ChannelsModule {}
