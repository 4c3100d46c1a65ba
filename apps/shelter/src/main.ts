import 'reflect-metadata';
import { runService } from '#shared';
import { AppModule } from './app.module.js';
import { ShelterConfig } from './config/shelter.config.js';

await runService({
  service: 'shelter',
  title: 'NRM Shelter API',
  description: 'See ARCHITECTURE.md: Shelter API',
  configClass: ShelterConfig,
  module: (config, logger) => AppModule.register(config, logger),
});
