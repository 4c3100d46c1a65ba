import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '#shared';
import type { ReportingConfig } from '../config/reporting.config.js';
import { buildAnnualReport, type AnnualReport } from './annual-report.js';
import { ReportsRepository } from './reports.repository.js';

/** The annual report of a year, under disclosure control with the configured k. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    @Inject(CONFIG) private readonly config: ReportingConfig,
  ) {}

  async annual(year: number): Promise<AnnualReport> {
    return buildAnnualReport(await this.repository.yearFacts(year), this.config.REPORT_MIN_CELL);
  }
}
