import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import type { ReportingConfig } from './config/reporting.config.js';
import { reportingDatabase } from './database/database.js';
import { ExportsModule } from './exports/exports.module.js';
import { ReadModelModule } from './read-model/read-model.module.js';
import { ReportsModule } from './reports/reports.module.js';

/** Root module of the reporting service. */
@Module({})
export class AppModule {
  static register(config: ReportingConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ service: 'reporting', config, database: reportingDatabase, logger }),
        ReadModelModule,
        ReportsModule,
        ExportsModule,
      ],
    };
  }
}
