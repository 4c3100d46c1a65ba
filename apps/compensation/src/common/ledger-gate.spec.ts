import type { CompensationConfig } from '../config/compensation.config.js';
import { LedgerGate } from './ledger-gate.js';

describe(LedgerGate.name, () => {
  it('runs at most the configured number of tasks at once, and all of them', async () => {
    const gate = new LedgerGate({ LEDGER_CONCURRENCY: 3, DATABASE_POOL_SIZE: 10 } as CompensationConfig);
    let running = 0;
    let peak = 0;
    const task = async (i: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      if (i % 7 === 0) throw new Error(`task ${i}`);
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => gate.run(() => task(i))));
    expect(peak).toBe(3);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(42);
    // The slots were all given back: a later task runs at once.
    expect(await gate.run(async () => 'free')).toBe('free');
  });

  it('leaves two pooled connections for other work', async () => {
    const gate = new LedgerGate({ LEDGER_CONCURRENCY: 50, DATABASE_POOL_SIZE: 5 } as CompensationConfig);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        gate.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setImmediate(r));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});
