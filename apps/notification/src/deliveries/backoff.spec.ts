import { parseSchedule, retryDelayMs, RetrySchedule } from './backoff.js';

describe('retryDelayMs', () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };

  it('doubles with each attempt', () => {
    expect(retryDelayMs(1, opts, () => 1)).toBe(1000);
    expect(retryDelayMs(2, opts, () => 1)).toBe(2000);
    expect(retryDelayMs(5, opts, () => 1)).toBe(16_000);
  });

  it('keeps at least half of the exponential delay and adds up to half again at random', () => {
    expect(retryDelayMs(3, opts, () => 0)).toBe(2000);
    expect(retryDelayMs(3, opts, () => 0.5)).toBe(3000);
    for (let i = 0; i < 100; i++) {
      const d = retryDelayMs(4, opts);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(30, opts, () => 1)).toBe(60_000);
    expect(retryDelayMs(1000, opts, () => 1)).toBe(60_000);
  });
});

describe(RetrySchedule.name, () => {
  it('follows the default schedule, spanning about a day: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    const s = RetrySchedule.fromConfig({ NOTIFY_RETRY_SCHEDULE: '0,5s,5m,30m,2h,5h,10h,10h' }, () => 0.5);
    expect(s.attempts).toBe(8);
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => s.delayAfter(a))).toEqual([
      5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(s.delayAfter(8)).toBeUndefined();
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, a) => sum + s.delayAfter(a)!, 0);
    expect(total / 3_600_000).toBeGreaterThan(24);
  });

  it('adds at most 10 % jitter either way', () => {
    const low = RetrySchedule.fromConfig({ NOTIFY_RETRY_SCHEDULE: '0,10s' }, () => 0);
    const high = RetrySchedule.fromConfig({ NOTIFY_RETRY_SCHEDULE: '0,10s' }, () => 1);
    expect(low.delayAfter(1)).toBe(9000);
    expect(high.delayAfter(1)).toBe(11_000);
  });

  it('uses exponential backoff when a base delay is configured', () => {
    const s = RetrySchedule.fromConfig(
      {
        NOTIFY_RETRY_SCHEDULE: '0',
        NOTIFY_BASE_DELAY_MS: 1000,
        NOTIFY_MAX_DELAY_MS: 4000,
        NOTIFY_MAX_ATTEMPTS: 4,
      },
      () => 1,
    );
    expect(s.attempts).toBe(4);
    expect([1, 2, 3].map((a) => s.delayAfter(a))).toEqual([1000, 2000, 4000]);
    expect(s.delayAfter(4)).toBeUndefined();
  });

  it('refuses a malformed schedule', () => {
    expect(() => parseSchedule('0,5x')).toThrow();
    expect(parseSchedule('250, 1s,2m')).toEqual([250, 1000, 120_000]);
  });
});
