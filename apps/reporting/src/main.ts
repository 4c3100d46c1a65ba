import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { ReportingConfig } from './config/reporting.config.js';

await runService({
  service: 'reporting',
  title: 'NRM Reporting API',
  description:
    "The commission's annual report (R-2.4) and the anonymised HTCDS export, from a read model built only from events",
  configClass: ReportingConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
