import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { ReferralConfig } from './config/referral.config.js';

await runService({
  service: 'referral',
  title: 'NRM Referral API',
  description:
    "Intake of presumed victims (R-4.1), the 24-hour handover to the special police unit duty officer (R-4.2, R-4.4, R-4.5), victims' confidential data with an audited access log (R-1.3.2), consent, rights information and service requests (R-3.1, R-3.3, R-6.1).",
  configClass: ReferralConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
