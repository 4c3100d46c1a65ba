import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { NotificationConfig } from './config/notification.config.js';

await runService({
  service: 'notification',
  title: 'NRM Notification API',
  description:
    'Recipients, routing of events to the people who must know, signed webhooks, e-mail and SMS with retries, and the delivery log. Contract: docs/architecture.md, Notification API.',
  configClass: NotificationConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
