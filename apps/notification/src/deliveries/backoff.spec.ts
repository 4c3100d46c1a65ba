import { retryDelayMs } from './backoff.js';

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
