import type { TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import { claimReadyForPayout, createPayout, people, startCompensation } from '../support/compensation.js';

describe('a burst of approvals (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  beforeAll(async () => {
    // The default pool (10 connections): the burst must neither fail nor starve other requests.
    svc = await startCompensation({ DATABASE_POOL_SIZE: '10' });
  }, 180_000);
  afterAll(() => svc?.close());

  it('approves 100 payouts at once without an error, while reads are still served', async () => {
    const p = people(svc.url);
    // The set-up goes ten at a time: only the approvals are the burst under test.
    const created: Awaited<ReturnType<typeof createPayout>>[] = [];
    for (let i = 0; i < 10; i++) {
      const claims = await Promise.all(Array.from({ length: 10 }, () => claimReadyForPayout(p, 700)));
      created.push(...(await Promise.all(claims.map((c) => createPayout(p, c, 700)))));
    }
    expect(created.every((c) => c.status === 201)).toBe(true);
    const burst = Promise.all(created.map((c) => p.approver.post(`/v1/payouts/${c.body.id}/approve`)));
    const read = await p.coordinator.get('/v1/fund/balance');
    expect(read.status).toBe(200);
    const approvals = await burst;
    expect(approvals.map((a) => a.status)).toEqual(approvals.map(() => 200));
    expect(read.body.availableMinor).toBeGreaterThanOrEqual(0);
  }, 300_000);
});
