import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, PlatformLifecycle, type Worker } from '#shared';
import type { ReferralConfig } from '../config/referral.config.js';
import { IntakeRepository } from './intake.repository.js';

const HOUR_MS = 3_600_000;
const BATCH = 5_000;

/** Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, in small batches, once an hour. Safe with several instances. */
@Injectable()
export class IdempotencyKeyJanitor implements Worker, OnModuleInit {
  readonly name = 'idempotency-key-janitor';
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly lifecycle: PlatformLifecycle,
    private readonly repository: IntakeRepository,
    @Inject(CONFIG) private readonly config: ReferralConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.lifecycle.addWorker(this);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(60_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Deletes one batch of expired keys; returns how many. */
  sweep(): Promise<number> {
    return this.repository.forgetKeysBefore(
      new Date(Date.now() - this.config.IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS),
      BATCH,
    );
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let deleted = 0;
    try {
      deleted = await this.sweep();
      if (deleted) this.logger.info({ deleted }, 'expired idempotency keys forgotten');
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'idempotency key sweep failed; will retry');
    }
    this.schedule(deleted >= BATCH ? 1_000 : HOUR_MS);
  }
}
