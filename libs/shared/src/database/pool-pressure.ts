import type { DataSource } from 'typeorm';

/** The parts of a `pg` pool (pg-pool 3) read here. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
  on(event: 'release', listener: (err: unknown) => void): unknown;
  on(event: 'acquire', listener: () => void): unknown;
}

/** How long a clean release or a full pool counts as "recent". */
const RECENT_MS = 10_000;

/**
 * What the connection pool of a data source says about load: whether every connection is busy
 * (saturated) and whether connections are still coming back clean (the database answers). A pool that
 * is full of busy, healthy connections means "overloaded", not "database down": readiness stays up and
 * requests beyond the bounded queue get `503 overloaded` (see the problem filter and bootstrap).
 */
export class PoolPressure {
  private attachedTo?: PgPool;
  private lastHealthyAt = 0;
  private lastSaturatedAt = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** The pg pool behind TypeORM's postgres driver (`driver.master`), once initialised. */
  private pool(): PgPool | undefined {
    if (!this.dataSource.isInitialized) return undefined;
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (pool && this.attachedTo !== pool) {
      this.attachedTo = pool;
      this.lastHealthyAt = Date.now();
      pool.on('release', (err) => {
        if (!err) this.lastHealthyAt = Date.now();
      });
      pool.on('acquire', () => {
        if (this.isFull(pool)) this.lastSaturatedAt = Date.now();
      });
    }
    return pool;
  }

  private isFull(pool: PgPool): boolean {
    const max = pool.options?.max ?? Infinity;
    return pool.waitingCount > 0 || (pool.idleCount === 0 && pool.totalCount >= max);
  }

  /** Every connection is busy now (or requests wait for one). */
  saturated(): boolean {
    const pool = this.pool();
    if (!pool) return false;
    const full = this.isFull(pool);
    if (full) this.lastSaturatedAt = Date.now();
    return full;
  }

  /** Requests wait for a connection now. */
  waiting(): number {
    return this.pool()?.waitingCount ?? 0;
  }

  /**
   * True when the pool is (or just was) saturated while its connections keep coming back clean: a
   * failed or slow probe then means load, not an outage.
   */
  busyButHealthy(now = Date.now()): boolean {
    const saturated = this.saturated();
    return (saturated || now - this.lastSaturatedAt < RECENT_MS) && now - this.lastHealthyAt < RECENT_MS;
  }
}

/** Errors that say "no pooled connection was free in time" or "Postgres has no connection slot left". */
export function isPoolSaturation(error: unknown, depth = 0): boolean {
  if (depth > 3 || typeof error !== 'object' || error === null) return false;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (code === '53300') return true; // too_many_connections
  if (
    typeof message === 'string' &&
    /^timeout exceeded when trying to connect$|sorry, too many clients already|remaining connection slots are reserved/i.test(
      message,
    )
  )
    return true;
  return isPoolSaturation(driverError, depth + 1) || isPoolSaturation(cause, depth + 1);
}
