import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { CompensationConfig } from './config/compensation.config.js';

await runService({
  service: 'compensation',
  title: 'NRM Compensation API',
  description:
    'The Assistance Fund: claims, court decisions and recoveries (R-3.8), the double-entry ledger, payouts by bank transfer or cash as the victim chooses (R-3.10), approved by a second person, and ISO 20022 pain.001 files. Contract: docs/architecture.md, Compensation API.',
  configClass: CompensationConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
