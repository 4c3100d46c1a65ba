import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '#shared';
import type { ReportingConfig } from '../config/reporting.config.js';
import { ReportsRepository } from '../reports/reports.repository.js';
import { anonymise, type HtcdsExport } from './htcds.js';

/** The HTCDS-shaped export of a year: victims and presumed victims, never those found not to be one. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly facts: ReportsRepository,
    @Inject(CONFIG) private readonly config: ReportingConfig,
  ) {}

  async htcds(year: number): Promise<HtcdsExport> {
    const { victims } = await this.facts.yearFacts(year);
    return anonymise(
      victims.filter((v) => v.identificationOutcome !== 'not_a_victim'),
      year,
      this.config.REPORT_MIN_CELL,
    );
  }
}
