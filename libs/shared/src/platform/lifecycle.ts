import type { Logger } from 'pino';

/** A background job of a service (deadline monitor, retry scheduler …), run only while the database is ready. */
export interface Worker {
  name: string;
  start(): void | Promise<void>;
  /** Finish the job in flight and stop; called at shutdown before the database closes. */
  stop(): void | Promise<void>;
}

/**
 * Tracks whether the service may take traffic (database connected and migrated) and runs the
 * service's background workers once it may. Shutdown stops workers first, so in-flight work finishes
 * while its connections are still open.
 */
export class PlatformLifecycle {
  private databaseReadyFlag = false;
  private shuttingDownFlag = false;
  private readonly workers: Worker[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly logger: Logger) {}

  get databaseReady(): boolean {
    return this.databaseReadyFlag;
  }

  get shuttingDown(): boolean {
    return this.shuttingDownFlag;
  }

  /** Registers a worker; it starts when the database is ready (at once if it already is). */
  addWorker(worker: Worker): void {
    this.workers.push(worker);
    if (this.databaseReadyFlag && !this.shuttingDownFlag) void this.startWorker(worker);
  }

  /** Resolves once the database is connected and migrated. */
  whenDatabaseReady(): Promise<void> {
    if (this.databaseReadyFlag) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  markDatabaseReady(): void {
    if (this.databaseReadyFlag) return;
    this.databaseReadyFlag = true;
    this.waiters.splice(0).forEach((w) => w());
    for (const w of this.workers) void this.startWorker(w);
  }

  markShuttingDown(): void {
    this.shuttingDownFlag = true;
  }

  async stopWorkers(): Promise<void> {
    await Promise.allSettled(
      this.workers.map(async (w) => {
        try {
          await w.stop();
        } catch (err) {
          this.logger.warn({ worker: w.name, err: (err as Error).message }, 'worker did not stop cleanly');
        }
      }),
    );
  }

  private async startWorker(worker: Worker): Promise<void> {
    try {
      await worker.start();
      this.logger.info({ worker: worker.name }, 'worker started');
    } catch (err) {
      this.logger.error({ worker: worker.name, err: (err as Error).message }, 'worker failed to start');
    }
  }
}
