import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics } from '#shared';

/** Domain metrics of the referral service. Labels are codes and outcomes only, never ids or personal data. */
@Injectable()
export class ReferralMetrics {
  readonly reported: Counter<'kind'>;
  readonly handoverRefused: Counter<'reason'>;
  readonly deadlineEvents: Counter<'event'>;
  readonly personalDataReads: Counter<'role' | 'outcome'>;

  constructor(metrics: Metrics) {
    this.reported = metrics.counter(
      'referrals_reported_total',
      'Referrals recorded at intake (R-4.1), by kind',
      ['kind'],
    );
    this.handoverRefused = metrics.counter(
      'handover_refused_total',
      'Handover requests refused (R-4.4, R-4.5), by reason',
      ['reason'],
    );
    this.deadlineEvents = metrics.counter(
      'handover_deadline_events_total',
      '24-hour deadline warnings and breaches announced (R-4.2)',
      ['event'],
    );
    this.personalDataReads = metrics.counter(
      'victim_data_reads_total',
      "Reads of victims' personal data (R-1.3.2), by role and outcome",
      ['role', 'outcome'],
    );
  }
}
