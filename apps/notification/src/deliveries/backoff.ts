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
