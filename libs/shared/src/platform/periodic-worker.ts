import type { Logger } from 'pino';
import type { Worker } from './lifecycle.js';

/**
 * A background job that runs a pass now and then: the next pass is scheduled when one finishes (passes
 * never overlap), after the delay the pass returns (0 = "more is due, continue at once"). A failing
 * pass is logged and retried after `retryDelayMs`. `runSoon(ms)` asks for a pass to start within `ms`:
 * the next pass is brought forward, and a request that an earlier pass does not meet (it asked for a
 * later time, or came during a pass) is kept until a pass starts at or after it. `stop()` waits for the pass in
 * flight, so the job ends before the database closes. Register it with `PlatformLifecycle.addWorker`.
 */
export abstract class PeriodicWorker implements Worker {
  abstract readonly name: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private busy = false;
  /** When the scheduled pass is due (epoch ms); Infinity when none is scheduled. */
  private dueAt = Number.POSITIVE_INFINITY;
  /** Times asked for by `runSoon` and not yet met by a pass, ascending (epoch ms). */
  private readonly requested: number[] = [];

  constructor(
    protected readonly workerLogger: Logger,
    private readonly firstDelayMs: number,
    private readonly retryDelayMs: number,
  ) {}

  /** One pass; resolves to the delay before the next one, in ms. */
  protected abstract runOnce(): Promise<number>;

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.dueAt = Number.POSITIVE_INFINITY;
    this.requested.length = 0;
    await this.running;
  }

  /** Asks for a pass within `delayMs`: sooner than scheduled, or right after the pass in flight. */
  protected runSoon(delayMs = 0): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    insertSorted(this.requested, at);
    if (!this.busy && at < this.dueAt) this.schedule(delayMs);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.dueAt = Number.POSITIVE_INFINITY;
      this.running = this.tick();
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.busy = true;
    // This pass meets every request up to now.
    const now = Date.now();
    let met = 0;
    while (met < this.requested.length && this.requested[met] <= now) met++;
    this.requested.splice(0, met);
    let next = this.retryDelayMs;
    try {
      next = await this.runOnce();
    } catch (err) {
      this.workerLogger.warn(
        { worker: this.name, err: (err as Error).message },
        'background job failed; will retry',
      );
    } finally {
      this.busy = false;
    }
    const first = this.requested[0];
    this.schedule(first === undefined ? next : Math.min(next, Math.max(0, first - Date.now())));
  }
}

/** Inserts `value` into the ascending array (an equal value is kept once). */
function insertSorted(values: number[], value: number): void {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  if (values[lo] !== value) values.splice(lo, 0, value);
}
