import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, PeriodicWorker, PlatformLifecycle } from '#shared';
import type { ReferralConfig } from '../config/referral.config.js';
import { IntakeRepository } from './intake.repository.js';

const HOUR_MS = 3_600_000;
const BATCH = 5_000;

/** Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, in small batches, once an hour. Safe with several instances. */
@Injectable()
export class IdempotencyKeyJanitor extends PeriodicWorker implements OnModuleInit {
  readonly name = 'idempotency-key-janitor';

  constructor(
    private readonly lifecycle: PlatformLifecycle,
    private readonly repository: IntakeRepository,
    @Inject(CONFIG) private readonly config: ReferralConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(logger, 60_000, HOUR_MS);
  }

  onModuleInit(): void {
    this.lifecycle.addWorker(this);
  }

  /** Deletes one batch of expired keys; returns how many. */
  sweep(): Promise<number> {
    return this.repository.forgetKeysBefore(
      new Date(Date.now() - this.config.IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS),
      BATCH,
    );
  }

  protected async runOnce(): Promise<number> {
    const deleted = await this.sweep();
    if (deleted) this.logger.info({ deleted }, 'expired idempotency keys forgotten');
    return deleted >= BATCH ? 1_000 : HOUR_MS;
  }
}
