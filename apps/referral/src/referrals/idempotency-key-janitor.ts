import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CONFIG, LOGGER, PeriodicWorker, PlatformLifecycle } from '#shared';
import type { ReferralConfig } from '../config/referral.config.js';

const HOUR_MS = 3_600_000;
const BATCH = 5_000;

/** The tables of Idempotency-Keys (intake's and service requests') and the columns of their keys. */
const KEY_TABLES = [
  { table: '"referral".idempotency_keys', key: 'reporting_org, idempotency_key' },
  { table: '"referral".service_request_keys', key: 'requesting_org, idempotency_key' },
] as const;

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, in small batches, once an hour:
 * intake's and those of service requests. Safe with several instances (rows locked by another are
 * skipped).
 */
@Injectable()
export class IdempotencyKeyJanitor extends PeriodicWorker implements OnModuleInit {
  readonly name = 'idempotency-key-janitor';

  constructor(
    private readonly lifecycle: PlatformLifecycle,
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: ReferralConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(logger, 60_000, HOUR_MS);
  }

  onModuleInit(): void {
    this.lifecycle.addWorker(this);
  }

  /** Deletes one batch of expired keys from each table; returns how many in all. */
  async sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS);
    let deleted = 0;
    for (const { table, key } of KEY_TABLES) {
      const [, count] = await this.dataSource.query<[unknown[], number]>(
        `DELETE FROM ${table} WHERE (${key}) IN (
           SELECT ${key} FROM ${table} WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [cutoff, BATCH],
      );
      deleted += count;
    }
    return deleted;
  }

  protected async runOnce(): Promise<number> {
    const deleted = await this.sweep();
    if (deleted) this.logger.info({ deleted }, 'expired idempotency keys forgotten');
    return deleted >= BATCH ? 1_000 : HOUR_MS;
  }
}
