import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { CompensationConfig } from './config/compensation.config.js';

await runService({
  service: 'compensation',
  title: 'NRM Compensation API',
  description: 'See ARCHITECTURE.md: Compensation API',
  configClass: CompensationConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
