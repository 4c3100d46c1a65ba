import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import { CommonModule } from './common/common.module.js';
import type { NotificationConfig } from './config/notification.config.js';
import { notificationDatabase } from './database/database.js';
import { DeliveriesModule } from './deliveries/deliveries.module.js';
import { RecipientsModule } from './recipients/recipients.module.js';

/** Root module of the notification service. */
@Module({})
export class AppModule {
  static register(config: NotificationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          service: 'notification',
          config,
          database: notificationDatabase,
          logger,
        }),
        CommonModule,
        RecipientsModule,
        DeliveriesModule,
      ],
    };
  }
}
