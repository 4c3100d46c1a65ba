import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** The anonymised, HTCDS-shaped export of one row per victim. */
@Module({
  imports: [ReportsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
