import { Global, Module } from '@nestjs/common';
import { CONFIG } from '#shared';
import type { NotificationConfig } from '../config/notification.config.js';
import { SecretBox } from './secret-box.js';

/** Providers every capability of the service uses: the at-rest encryption of addresses and secrets. */
@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [CONFIG],
      useFactory: (config: NotificationConfig) =>
        new SecretBox(config.RECIPIENT_SECRET_KEYS, config.RECIPIENT_SECRET_ACTIVE_KEY_ID),
    },
  ],
  exports: [SecretBox],
})
export class CommonModule {}
