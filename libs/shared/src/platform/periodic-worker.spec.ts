import pino from 'pino';
import { PeriodicWorker } from './periodic-worker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until the condition holds (a loaded machine may be slow; the tests assert order, not speed). */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/** A worker whose passes are recorded and whose next delay (or failure) the test chooses. */
class Probe extends PeriodicWorker {
  readonly name = 'probe';
  readonly passes: { startedAt: number; endedAt?: number }[] = [];
  nextDelay = 10_000;
  passMs = 0;
  fail = false;
  constructor(firstDelayMs = 0, retryDelayMs = 10_000) {
    super(pino({ level: 'silent' }), firstDelayMs, retryDelayMs);
  }
  soon(ms = 0): void {
    this.runSoon(ms);
  }
  protected async runOnce(): Promise<number> {
    const pass: { startedAt: number; endedAt?: number } = { startedAt: Date.now() };
    this.passes.push(pass);
    await sleep(this.passMs);
    pass.endedAt = Date.now();
    if (this.fail) throw new Error('pass failed');
    return this.nextDelay;
  }
}

describe('PeriodicWorker', () => {
  let worker: Probe;
  afterEach(() => worker?.stop());

  it('runs the first pass after the first delay, then waits the delay the pass returned', async () => {
    worker = new Probe(30);
    worker.nextDelay = 40;
    worker.start();
    await sleep(15);
    expect(worker.passes).toHaveLength(0);
    await until(() => worker.passes.length >= 2);
    const gap = worker.passes[1].startedAt - worker.passes[0].endedAt!;
    expect(gap).toBeGreaterThanOrEqual(35);
  });

  it('brings a pass scheduled for later forward with runSoon, and never runs two passes at once', async () => {
    worker = new Probe(0);
    worker.passMs = 30;
    worker.start();
    await sleep(10);
    // During the first pass: asked again, so a second pass follows right after it, not 10 s later.
    worker.soon();
    worker.soon();
    await until(() => worker.passes[1]?.endedAt !== undefined);
    await sleep(50);
    expect(worker.passes).toHaveLength(2);
    expect(worker.passes[1].startedAt).toBeGreaterThanOrEqual(worker.passes[0].endedAt!);
    // Idle with the next pass 10 s away: runSoon(20) makes it 20 ms; a later request does not delay it.
    worker.soon(20);
    worker.soon(5_000);
    await until(() => worker.passes.length === 3, 4_000);
  });

  it('keeps a request for later that an earlier pass did not meet', async () => {
    worker = new Probe(60_000);
    worker.start();
    const askedAt = Date.now();
    worker.soon(1_000); // e.g. a retry due in 1 s …
    worker.soon(0); // … and, before it, a wake for work that is due now
    await until(() => worker.passes.length === 1);
    // A pass that starts at or after the retry's time meets it too (a loaded machine may be that late).
    if (worker.passes[0].startedAt >= askedAt + 1_000) return;
    // The pass returned "10 s", but the retry asked for 1 s: a second pass comes then.
    await until(() => worker.passes.length === 2, 6_000);
    expect(worker.passes[1].startedAt - askedAt).toBeGreaterThanOrEqual(1_000);
  });

  it('retries a failing pass after the retry delay, and stop() waits for the pass in flight and ends the job', async () => {
    worker = new Probe(0, 30);
    worker.fail = true;
    worker.start();
    await until(() => worker.passes.length >= 2);
    worker.fail = false;
    worker.passMs = 50;
    const before = worker.passes.length;
    worker.soon();
    await until(() => worker.passes.length > before);
    const count = worker.passes.length;
    await worker.stop();
    expect(worker.passes[count - 1].endedAt).toBeDefined();
    worker.soon();
    await sleep(60);
    expect(worker.passes).toHaveLength(count);
  });
});
