import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { CONFIG, Metrics } from '#shared';
import type { ReferralConfig } from '../config/referral.config.js';
import { AWAITING_HANDOVER } from '../referrals/referral-state.js';

/**
 * `nrm_referrals_awaiting_handover{due}`: referrals not yet handed over whose 24-hour deadline
 * is near (`approaching`: within DEADLINE_LEAD_MINUTES) or past (`overdue`). Read from the database
 * when Prometheus scrapes, so the alert on it needs neither the deadline monitor nor anyone probing.
 */
@Injectable()
export class DeadlineGauge implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ReferralConfig,
  ) {}

  onModuleInit(): void {
    if (this.metrics.registry.getSingleMetric('referrals_awaiting_handover')) return;
    const read = () => this.read();
    new Gauge({
      name: 'referrals_awaiting_handover',
      help: 'Referrals not yet handed over whose 24-hour deadline is near (approaching) or past (overdue)',
      labelNames: ['due'] as const,
      registers: [this.metrics.registry],
      collect: async function (this: Gauge<'due'>) {
        const counts = await read().catch(() => undefined);
        if (!counts) return;
        this.set({ due: 'approaching' }, counts.approaching);
        this.set({ due: 'overdue' }, counts.overdue);
      },
    });
  }

  private async read(): Promise<{ approaching: number; overdue: number } | undefined> {
    if (!this.dataSource.isInitialized) return undefined;
    const rows: { approaching: number; overdue: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE handover_due_at > now())::int AS approaching,
              count(*) FILTER (WHERE handover_due_at <= now())::int AS overdue
         FROM "referral".referrals
        WHERE status = ANY($1) AND handover_due_at <= now() + make_interval(mins => $2)`,
      [AWAITING_HANDOVER, this.config.DEADLINE_LEAD_MINUTES],
    );
    return rows[0];
  }
}
