import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { ReferralConfig } from './config/referral.config.js';

await runService({
  service: 'referral',
  title: 'NRM Referral API',
  description: 'See ARCHITECTURE.md: Referral API',
  configClass: ReferralConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
