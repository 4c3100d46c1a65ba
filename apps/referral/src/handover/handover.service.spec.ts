import type { Logger } from 'pino';
import { DomainError, type Principal, type Transaction, type UnitOfWork } from '#shared';
import type { ReferralMetrics } from '../common/referral-metrics.js';
import type { Referral } from '../referrals/referral.entity.js';
import type { ReferralsRepository } from '../referrals/referrals.repository.js';
import type { DutyShift } from '../roster/duty-shift.entity.js';
import type { RosterService } from '../roster/roster.service.js';
import type { HandoverRepository, NewAttempt } from './handover.repository.js';
import { HandoverService } from './handover.service.js';
import { ReferralTransitions } from '../referrals/referral-transitions.js';

const referral = {
  id: '7d1f2c8e-1111-4a5b-9c0d-000000000001',
  caseNumber: 'NRM-2026-000001',
  victimRef: 'V-0123456789ABCDEFGHJK',
  reportingOrg: 'MOH',
  status: 'reported',
  handoverDueAt: new Date(Date.now() + 3_600_000),
  breachedAt: null,
} as unknown as Referral;
const agency: Principal = { sub: 'moh-officer', role: 'agency_officer', org: 'MOH' };

function setup(onDuty: string | undefined) {
  const recorded: NewAttempt[] = [];
  const published: string[] = [];
  const updates: unknown[] = [];
  const tx = { em: {}, publish: (c: { type: string }) => published.push(c.type) } as unknown as Transaction;
  const uow = { run: <R>(work: (t: Transaction) => Promise<R>) => work(tx) } as unknown as UnitOfWork;
  const referrals = {
    lockById: async () => ({ ...referral }),
    findById: async () => ({ ...referral }),
    update: async (_em: unknown, _id: string, change: unknown) => void updates.push(change),
  } as unknown as ReferralsRepository;
  const attempts = {
    record: async (_: unknown, a: NewAttempt) => void recorded.push(a),
  } as unknown as HandoverRepository;
  const roster = {
    current: async () => (onDuty ? ({ officerId: onDuty } as DutyShift) : undefined),
  } as unknown as RosterService;
  const metrics = { handoverRefused: { inc: () => undefined } } as unknown as ReferralMetrics;
  const logger = { warn: () => undefined } as unknown as Logger;
  return {
    service: new HandoverService(
      uow,
      referrals,
      attempts,
      roster,
      metrics,
      logger,
      new ReferralTransitions(referrals),
    ),
    recorded,
    published,
    updates,
  };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe(HandoverService.name, () => {
  it('R-4.4 refuses a handover when no duty officer is on duty, recording the attempt and changing nothing', async () => {
    const { service, recorded, published, updates } = setup(undefined);
    const err = await refusal(
      service.request(referral.id, { toOrg: 'MIA-SPU', toOfficerId: 'spu-1' }, agency),
    );
    expect(err.code).toBe('handover-recipient-not-allowed');
    expect(err.status).toBe(422);
    expect(recorded).toEqual([expect.objectContaining({ outcome: 'refused', reason: 'no_officer_on_duty' })]);
    expect(updates).toEqual([]);
    expect(published).toEqual([]);
  });

  it('R-4.5 refuses the prosecutor even when the officer id is the one on duty', async () => {
    const { service, recorded, published } = setup('spu-1');
    const err = await refusal(service.request(referral.id, { toOrg: 'PGO', toOfficerId: 'spu-1' }, agency));
    expect(err.code).toBe('handover-recipient-not-allowed');
    expect(recorded[0]?.reason).toBe('not_special_police_unit');
    expect(published).toEqual([]);
  });

  it('R-4.4 requests the handover to the officer on duty and announces it', async () => {
    const { service, recorded, published, updates } = setup('spu-1');
    await service.request(referral.id, { toOrg: 'MIA-SPU', toOfficerId: 'spu-1' }, agency);
    expect(recorded).toEqual([expect.objectContaining({ outcome: 'requested', toOfficerId: 'spu-1' })]);
    expect(updates).toEqual([
      expect.objectContaining({ status: 'handover_pending', handoverToOfficer: 'spu-1' }),
    ]);
    expect(published).toEqual(['referral.handover.requested']);
  });

  it('refuses a handover requested by another agency than the reporting one', async () => {
    const { service } = setup('spu-1');
    const err = await refusal(
      service.request(referral.id, { toOrg: 'MIA-SPU', toOfficerId: 'spu-1' }, { ...agency, org: 'MOE' }),
    );
    expect(err.code).toBe('not-found');
  });
});
