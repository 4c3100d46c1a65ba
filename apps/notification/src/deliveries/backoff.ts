/** Retry timing of deliveries. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before the retry that follows failed attempt `attempt` (1-based): exponential
 * (`base·2^(attempt-1)`, capped at `max`) with "equal jitter" — half fixed, half random — so that
 * many deliveries failing together (a receiver down) do not come back in lockstep.
 */
export function retryDelayMs(
  attempt: number,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `0,5s,5m,30m,2h` → `[0, 5000, 300000, 1800000, 7200000]` (a bare number is milliseconds). */
export function parseSchedule(text: string): number[] {
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)(ms|s|m|h)?\s*$/.exec(part);
    if (!m) throw new Error(`not a delay: ${part}`);
    return Number(m[1]) * UNIT_MS[m[2] ?? 'ms'];
  });
}

/**
 * When each attempt of a delivery is made: entry `i` is the delay before attempt `i + 1`, after the
 * previous one failed (entry 0: after the event arrived). Its length is the number of attempts.
 */
export class RetrySchedule {
  constructor(
    private readonly delays: readonly number[],
    private readonly jitter: (attempt: number, delayMs: number) => number,
  ) {}

  /** The schedule of the config: NOTIFY_RETRY_SCHEDULE, or exponential when NOTIFY_BASE_DELAY_MS is set. */
  static fromConfig(
    c: {
      NOTIFY_RETRY_SCHEDULE: string;
      NOTIFY_MAX_ATTEMPTS?: number;
      NOTIFY_BASE_DELAY_MS?: number;
      NOTIFY_MAX_DELAY_MS?: number;
    },
    random: () => number = Math.random,
  ): RetrySchedule {
    if (c.NOTIFY_BASE_DELAY_MS !== undefined) {
      const opts = { baseMs: c.NOTIFY_BASE_DELAY_MS, maxMs: c.NOTIFY_MAX_DELAY_MS ?? 600_000 };
      const attempts = c.NOTIFY_MAX_ATTEMPTS ?? 8;
      return new RetrySchedule(
        Array.from({ length: attempts }, (_, i) => (i === 0 ? 0 : opts.baseMs)),
        (attempt) => retryDelayMs(attempt, opts, random),
      );
    }
    let delays = parseSchedule(c.NOTIFY_RETRY_SCHEDULE);
    if (c.NOTIFY_MAX_ATTEMPTS !== undefined) {
      // A budget given on its own shortens the schedule, or repeats its last delay.
      const last = delays[delays.length - 1] ?? 0;
      delays = Array.from({ length: c.NOTIFY_MAX_ATTEMPTS }, (_, i) => delays[i] ?? last);
    }
    // ±10 %, so that deliveries failing together do not come back in lockstep.
    return new RetrySchedule(delays, (_attempt, d) => Math.round(d * (0.9 + random() * 0.2)));
  }

  /** Attempts a delivery gets before it fails for good. */
  get attempts(): number {
    return this.delays.length;
  }

  /** Delay after failed attempt `attempt` (1-based) before the next one, or undefined after the last. */
  delayAfter(attempt: number): number | undefined {
    if (attempt >= this.delays.length) return undefined;
    return this.jitter(attempt, this.delays[attempt]);
  }
}
