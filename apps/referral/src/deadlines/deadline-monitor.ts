import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  CONFIG,
  LOGGER,
  PeriodicWorker,
  PlatformLifecycle,
  ReferralDeadlineApproaching,
  ReferralDeadlineBreached,
  UnitOfWork,
} from '#shared';
import { ReferralMetrics } from '../common/referral-metrics.js';
import type { ReferralConfig } from '../config/referral.config.js';
import { DeadlinesRepository } from './deadlines.repository.js';

export interface ScanResult {
  approaching: number;
  breached: number;
}

/**
 * Watches the 24-hour handover deadline: warns the duty officer `DEADLINE_LEAD_MINUTES` before
 * `handoverDueAt` (`referral.deadline.approaching`) and announces a breach once it passes
 * (`referral.deadline.breached`), each exactly once per referral even with several instances running.
 */
@Injectable()
export class DeadlineMonitor extends PeriodicWorker implements OnModuleInit {
  readonly name = 'deadline-monitor';

  constructor(
    private readonly lifecycle: PlatformLifecycle,
    private readonly uow: UnitOfWork,
    private readonly repository: DeadlinesRepository,
    private readonly metrics: ReferralMetrics,
    @Inject(CONFIG) private readonly config: ReferralConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(logger, 0, config.DEADLINE_SCAN_MS);
  }

  onModuleInit(): void {
    this.lifecycle.addWorker(this);
  }

  /** One pass: marks and announces what is due at `now`. Safe to run concurrently from any instance. */
  // @clause warns before the 24-hour deadline and announces its breach, once per referral
  async scanOnce(now = new Date()): Promise<ScanResult> {
    const batch = this.config.DEADLINE_BATCH_SIZE;
    const result = await this.uow.run(async (tx) => {
      // Breaches first, so a referral already past its deadline is not warned as "approaching".
      const breached = await this.repository.markBreached(tx.em, now, batch);
      for (const r of breached) {
        tx.publish(
          ReferralDeadlineBreached,
          {
            referralId: r.id,
            caseNumber: r.caseNumber,
            victimRef: r.victimRef,
            handoverDueAt: r.handoverDueAt.toISOString(),
            reportingOrg: r.reportingOrg,
          },
          { aggregateId: r.id },
        );
      }
      const approaching = await this.repository.markApproaching(
        tx.em,
        now,
        this.config.DEADLINE_LEAD_MINUTES,
        batch,
      );
      let warned = 0;
      for (const r of approaching) {
        const msLeft = r.handoverDueAt.getTime() - now.getTime();
        if (msLeft <= 0) continue; // breached meanwhile: the breach announces it
        warned++;
        tx.publish(
          ReferralDeadlineApproaching,
          {
            referralId: r.id,
            caseNumber: r.caseNumber,
            victimRef: r.victimRef,
            handoverDueAt: r.handoverDueAt.toISOString(),
            minutesLeft: Math.floor(msLeft / 60_000),
            reportingOrg: r.reportingOrg,
          },
          { aggregateId: r.id },
        );
      }
      if (breached.length || warned)
        this.logger.info({ breached: breached.length, approaching: warned }, 'handover deadlines announced');
      return { approaching: approaching.length, breached: breached.length, warned };
    });
    // Counted after the commit: only what was really announced.
    if (result.breached) this.metrics.deadlineEvents.inc({ event: 'breached' }, result.breached);
    if (result.warned) this.metrics.deadlineEvents.inc({ event: 'approaching' }, result.warned);
    return { approaching: result.approaching, breached: result.breached };
  }

  protected async runOnce(): Promise<number> {
    const result = await this.scanOnce();
    // A full batch means more is due: continue at once instead of waiting a whole interval.
    const full =
      result.breached >= this.config.DEADLINE_BATCH_SIZE ||
      result.approaching >= this.config.DEADLINE_BATCH_SIZE;
    return full ? 0 : this.config.DEADLINE_SCAN_MS;
  }
}
