import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { ShelterConfig } from './config/shelter.config.js';

await runService({
  service: 'shelter',
  title: 'NRM Shelter API',
  description:
    'Shelters and assistance centres: placement that fits age, sex and needs without over-booking (R-6.6), admission, discharge, individual rehabilitation plans (R-6.2, R-6.5) and training programmes (R-6.3). Contract: docs/architecture.md, Shelter API.',
  configClass: ShelterConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
