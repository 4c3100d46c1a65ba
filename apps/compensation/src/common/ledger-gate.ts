import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '#shared';
import type { CompensationConfig } from '../config/compensation.config.js';

/**
 * Bounds how many transactions that post to the Fund's ledger run at once in this process.
 *
 * Every such transaction updates the same few account rows, so Postgres runs them one after another
 * anyway. Without a bound, a burst (hundreds of approvals at once) would have every request hold a
 * pooled connection while it waits for the row lock, starving all other requests of connections.
 * With it, the waiting happens here, in memory, and the pool stays free for everything else.
 */
@Injectable()
export class LedgerGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;

  constructor(@Inject(CONFIG) config: CompensationConfig) {
    // Always leave connections in the pool for reads and health checks.
    this.limit = Math.max(1, Math.min(config.LEDGER_CONCURRENCY, config.DATABASE_POOL_SIZE - 2));
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
