import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import type { NotificationConfig } from './config/notification.config.js';
import { notificationDatabase } from './database/database.js';

/** Root module of the notification service. */
@Module({})
export class AppModule {
  static register(config: NotificationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'notification', config, database: notificationDatabase, logger })],
    };
  }
}
