import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { NotificationConfig } from './config/notification.config.js';

await runService({
  service: 'notification',
  title: 'NRM Notification API',
  description: 'See ARCHITECTURE.md: Notification API',
  configClass: NotificationConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
