import type { Logger } from 'pino';
import type { Worker } from './lifecycle.js';

/**
 * A background job that runs a pass now and then: the next pass is scheduled when one finishes (passes
 * never overlap), after the delay the pass returns (0 = "more is due, continue at once"). A failing
 * pass is logged and retried after `retryDelayMs`. `stop()` waits for the pass in flight, so the job
 * ends before the database closes. Register it with `PlatformLifecycle.addWorker`.
 */
export abstract class PeriodicWorker implements Worker {
  abstract readonly name: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

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
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let next = this.retryDelayMs;
    try {
      next = await this.runOnce();
    } catch (err) {
      this.workerLogger.warn(
        { worker: this.name, err: (err as Error).message },
        'background job failed; will retry',
      );
    }
    this.schedule(next);
  }
}
