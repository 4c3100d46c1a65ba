import { jest } from '@jest/globals';
import pino from 'pino';
import { Metrics, type Principal, type Transaction, type UnitOfWork } from '#shared';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import { LedgerGate } from '../common/ledger-gate.js';
import type { CompensationConfig } from '../config/compensation.config.js';
import { PayoutLifecycleService } from './payout-lifecycle.service.js';
import { PayoutMetrics } from './payout-metrics.js';
import type { Payout } from './payout.entity.js';
import type { PayoutsRepository } from './payouts.repository.js';
import type { PayoutsService } from './payouts.service.js';

const officer: Principal = { sub: 'officer-1', role: 'fund_officer', org: 'FUND' };

function payout(over: Partial<Payout> = {}): Payout {
  return {
    id: '3f1c2a9e-0000-4000-8000-000000000001',
    claimId: '3f1c2a9e-0000-4000-8000-000000000002',
    victimRef: 'v_0123456789',
    amountMinor: 1000,
    currency: 'AZN',
    method: 'bank_transfer',
    status: 'sent',
    beneficiaryNameEnc: 'x',
    ibanEnc: 'y',
    idempotencyKey: 'k',
    createdBy: 'officer-0',
    createdAt: new Date(),
    approvedBy: 'approver-1',
    approvedAt: new Date(),
    batchId: null,
    bankReference: null,
    failureReason: null,
    receiptNumber: null,
    identityDocumentEnc: null,
    updatedAt: new Date(),
    ...over,
  };
}

describe(PayoutLifecycleService.name, () => {
  function setup(current: Payout, casResult = true) {
    const published: string[] = [];
    const tx = { em: {}, publish: (c: { type: string }) => published.push(c.type) } as unknown as Transaction;
    const uow = { run: (work: (t: Transaction) => Promise<unknown>) => work(tx) } as unknown as UnitOfWork;
    const repo = {
      lock: jest.fn(async () => current),
      find: jest.fn(async () => ({ ...current, status: 'settled' })),
      compareAndSet: jest.fn(async () => casResult),
      addTransition: jest.fn(async () => undefined),
    };
    const ledger = { pay: jest.fn(async () => undefined), release: jest.fn(async () => undefined), refund: jest.fn(async () => undefined) };
    const payouts = { respond: jest.fn(async (_em: unknown, p: Payout) => ({ status: p.status, method: p.method })) };
    const svc = new PayoutLifecycleService(
      uow,
      repo as unknown as PayoutsRepository,
      payouts as unknown as PayoutsService,
      ledger as unknown as LedgerService,
      {} as PaymentDataCipher,
      new PayoutMetrics(new Metrics('compensation-test')),
      new LedgerGate({ LEDGER_CONCURRENCY: 2, DATABASE_POOL_SIZE: 10 } as CompensationConfig),
      pino({ level: 'silent' }),
    );
    return { svc, repo, ledger, published };
  }

  it('R-3.10 settles a sent bank payout once: compare-and-set, one payout posting, one event', async () => {
    const { svc, repo, ledger, published } = setup(payout());
    const out = await svc.settle(officer, payout().id, 'REF');
    expect(out.replayed).toBe(false);
    expect(repo.compareAndSet).toHaveBeenCalledWith({}, payout().id, ['sent'], 'settled', { bankReference: 'REF' });
    expect(ledger.pay).toHaveBeenCalledTimes(1);
    expect(published).toEqual(['compensation.payout.settled']);
  });

  it('R-3.10 answers a repeated settlement with the same reference without any effect', async () => {
    const { svc, repo, ledger, published } = setup(payout({ status: 'settled', bankReference: 'REF' }));
    const out = await svc.settle(officer, payout().id, 'REF');
    expect(out.replayed).toBe(true);
    expect(repo.compareAndSet).not.toHaveBeenCalled();
    expect(ledger.pay).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('R-3.10 refuses to settle a settled payout with another reference, or a cash payout (illegal-transition)', async () => {
    await expect(setup(payout({ status: 'settled', bankReference: 'REF' })).svc.settle(officer, payout().id, 'OTHER')).rejects.toMatchObject({ code: 'illegal-transition', status: 409 });
    await expect(setup(payout({ method: 'cash', status: 'approved' })).svc.settle(officer, payout().id, 'REF')).rejects.toMatchObject({ code: 'illegal-transition' });
  });

  it('R-3.10 posts nothing when the compare-and-set loses a race', async () => {
    const { svc, ledger, published } = setup(payout(), false);
    await expect(svc.settle(officer, payout().id, 'REF')).rejects.toMatchObject({ code: 'illegal-transition' });
    expect(ledger.pay).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('releases the reservation when a sent payout fails, and posts nothing when a pending one is rejected', async () => {
    const sent = setup(payout());
    await sent.svc.fail(officer, payout().id, 'AC04');
    expect(sent.ledger.release).toHaveBeenCalledTimes(1);
    const pending = setup(payout({ status: 'pending_approval' }));
    await pending.svc.fail(officer, payout().id, 'rejected');
    expect(pending.ledger.release).not.toHaveBeenCalled();
    expect(pending.published).toEqual(['compensation.payout.failed']);
  });

  it('answers 404 for an unknown payout', async () => {
    const { svc, repo } = setup(payout());
    repo.lock.mockResolvedValueOnce(null as unknown as Payout);
    await expect(svc.settle(officer, payout().id, 'REF')).rejects.toMatchObject({ code: 'not-found', status: 404 });
  });
});
