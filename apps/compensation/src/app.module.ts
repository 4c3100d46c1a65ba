import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import type { CompensationConfig } from './config/compensation.config.js';
import { compensationDatabase } from './database/database.js';

/** Root module of the compensation service. */
@Module({})
export class AppModule {
  static register(config: CompensationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'compensation', config, database: compensationDatabase, logger })],
    };
  }
}
