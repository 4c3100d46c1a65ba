/**
 * Faults of a service's own dependencies (its database, first of all) as opposed to faults of the
 * message being handled. A handler that fails because Postgres is unreachable, restarting, refusing
 * the service's role or out of connections says nothing about the event: the consumer pauses instead
 * of counting an attempt (see {@link DependencyGate}).
 */

/** Postgres SQLSTATEs and socket codes that mean "the database is not available to us right now". */
const DEPENDENCY_CODES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '28000', // invalid_authorization_specification (role locked: NOLOGIN, not permitted to log in)
  '28P01', // invalid_password
  '3D000', // invalid_catalog_name (database gone, e.g. during a restore)
  '25006', // read_only_sql_transaction (a failover promoted nothing yet)
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const DEPENDENCY_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|too many clients|remaining connection slots|is not permitted to log in|password authentication failed|Query read timeout|Connection ended unexpectedly|not queryable|pool is (closed|draining)|Cannot use a pool after calling end|database probe timed out|DataSource is not initialized|Driver not Connected/i;

/** True when `err` (or what it wraps) says the service's database is unavailable, not the message bad. */
export function isDependencyFault(err: unknown, depth = 0): boolean {
  if (depth > 4 || typeof err !== 'object' || err === null) return false;
  const { code: rawCode, message: rawMessage } = err as { code?: unknown; message?: unknown };
  const code = typeof rawCode === 'string' ? rawCode : '';
  const message = typeof rawMessage === 'string' ? rawMessage : '';
  if (code.startsWith('08') || DEPENDENCY_CODES.has(code) || DEPENDENCY_MESSAGES.test(message)) return true;
  if (err instanceof DependencyUnavailableError) return true;
  const nested = err as { driverError?: unknown; cause?: unknown; errors?: unknown };
  if (isDependencyFault(nested.driverError, depth + 1) || isDependencyFault(nested.cause, depth + 1))
    return true;
  // AggregateError (e.g. a connect that tried IPv4 and IPv6)
  return Array.isArray(nested.errors) && nested.errors.some((e) => isDependencyFault(e, depth + 1));
}

/** Thrown by a handler (or the probe) to say explicitly: something this service needs is down. */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: string,
    cause?: unknown,
  ) {
    super(`${dependency} is unavailable`, { cause });
    this.name = 'DependencyUnavailableError';
  }
}

/** Options of {@link DependencyGate}. */
export interface DependencyGateOptions {
  /** Resolves when every dependency answers; rejects otherwise. Must be cheap (e.g. `SELECT 1`). */
  probe: () => Promise<void>;
  /** Called once when the gate closes (stop taking messages). */
  onPause?: (reason: string) => void | Promise<void>;
  /** Called once when the gate opens again (resume). */
  onResume?: (pausedMs: number) => void | Promise<void>;
  /** First and longest interval between probes while closed, in ms. */
  minProbeMs?: number;
  maxProbeMs?: number;
  /** A probe that does not answer within this many ms has failed. */
  probeTimeoutMs?: number;
}

/**
 * Open while the service's dependencies answer. {@link trip} closes it (a handler met a dependency
 * fault); it then probes with capped backoff and opens again at the first answer. Work that must not
 * run meanwhile awaits {@link whenOpen}.
 */
export class DependencyGate {
  private openFlag = true;
  private closedAt = 0;
  private waiters: (() => void)[] = [];
  private probing?: Promise<void>;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private wake?: () => void;

  constructor(private readonly options: DependencyGateOptions) {}

  get isOpen(): boolean {
    return this.openFlag;
  }

  /** Runs the probe once, with its timeout. */
  async check(): Promise<boolean> {
    const timeoutMs = this.options.probeTimeoutMs ?? 3000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.options.probe(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('database probe timed out')), timeoutMs);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the gate (idempotent) and starts probing until the dependencies answer again. */
  trip(reason: string): void {
    if (this.stopped || !this.openFlag) return;
    this.openFlag = false;
    this.closedAt = Date.now();
    void Promise.resolve(this.options.onPause?.(reason)).catch(() => undefined);
    this.probing = this.probeUntilOpen();
  }

  /** Resolves when the gate is open (at once if it is). Resolves too when the gate is stopped. */
  whenOpen(): Promise<void> {
    if (this.openFlag || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops probing and releases every waiter (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.probing?.catch(() => undefined);
    this.waiters.splice(0).forEach((w) => w());
  }

  private async probeUntilOpen(): Promise<void> {
    const min = this.options.minProbeMs ?? 250;
    const max = this.options.maxProbeMs ?? 5000;
    let delay = min;
    while (!this.stopped) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, delay);
      });
      if (this.stopped) break;
      if (await this.check()) {
        this.openFlag = true;
        const pausedMs = Date.now() - this.closedAt;
        await Promise.resolve(this.options.onResume?.(pausedMs)).catch(() => undefined);
        this.waiters.splice(0).forEach((w) => w());
        return;
      }
      delay = Math.min(max, delay * 2);
    }
  }
}
