import type { Logger } from 'pino';
import type { PlatformLifecycle, Transaction, UnitOfWork } from '#shared';
import type { ReferralMetrics } from '../common/referral-metrics.js';
import type { ReferralConfig } from '../config/referral.config.js';
import { DeadlineMonitor } from './deadline-monitor.js';
import type { DeadlinesRepository, DueReferral } from './deadlines.repository.js';

const now = new Date('2026-11-25T12:00:00Z');
const due = (id: string, minutesFromNow: number): DueReferral => ({
  id,
  caseNumber: `NRM-2026-${id}`,
  victimRef: 'V-0123456789ABCDEFGHJK',
  handoverDueAt: new Date(now.getTime() + minutesFromNow * 60_000),
  reportingOrg: 'MOH',
});

function setup(breached: DueReferral[], approaching: DueReferral[]) {
  const published: { type: string; data: Record<string, unknown> }[] = [];
  const tx = {
    em: {},
    publish: (c: { type: string }, data: Record<string, unknown>) => published.push({ type: c.type, data }),
  } as unknown as Transaction;
  const uow = { run: <R>(work: (t: Transaction) => Promise<R>) => work(tx) } as unknown as UnitOfWork;
  const calls: string[] = [];
  const repository = {
    markBreached: async () => (calls.push('breached'), breached),
    markApproaching: async (_em: unknown, _now: Date, lead: number) => (
      calls.push(`approaching:${lead}`),
      approaching
    ),
  } as unknown as DeadlinesRepository;
  const metrics = { deadlineEvents: { inc: () => undefined } } as unknown as ReferralMetrics;
  const config = {
    DEADLINE_BATCH_SIZE: 100,
    DEADLINE_LEAD_MINUTES: 240,
    DEADLINE_SCAN_MS: 1000,
  } as ReferralConfig;
  const logger = { info: () => undefined, warn: () => undefined } as unknown as Logger;
  const monitor = new DeadlineMonitor({} as PlatformLifecycle, uow, repository, metrics, config, logger);
  return { monitor, published, calls };
}

describe(DeadlineMonitor.name, () => {
  it('R-4.2 marks breaches before warnings, with the configured lead time', async () => {
    const { monitor, calls } = setup([], []);
    await monitor.scanOnce(now);
    expect(calls).toEqual(['breached', 'approaching:240']);
  });

  it('R-4.2 announces each marked referral once, with the minutes left', async () => {
    const { monitor, published } = setup([due('000001', -30)], [due('000002', 95)]);
    expect(await monitor.scanOnce(now)).toEqual({ breached: 1, approaching: 1 });
    expect(published).toEqual([
      {
        type: 'referral.deadline.breached',
        data: expect.objectContaining({ referralId: '000001', reportingOrg: 'MOH' }),
      },
      {
        type: 'referral.deadline.approaching',
        data: expect.objectContaining({ referralId: '000002', minutesLeft: 95 }),
      },
    ]);
  });

  it('R-4.2 does not warn about a deadline that has already passed (the breach announces it)', async () => {
    const { monitor, published } = setup([], [due('000003', -1)]);
    await monitor.scanOnce(now);
    expect(published).toEqual([]);
  });
});
