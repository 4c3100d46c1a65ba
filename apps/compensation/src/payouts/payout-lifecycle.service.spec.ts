import { jest } from '@jest/globals';
import pino from 'pino';
import { Metrics, type Principal, type Transaction, type UnitOfWork } from '#shared';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import { LedgerGate } from '../common/ledger-gate.js';
import type { CompensationConfig } from '../config/compensation.config.js';
import { PayoutLifecycleService } from './payout-lifecycle.service.js';
import { PayoutMetrics } from './payout-metrics.js';
import type { Payout, PayoutChangeRequest } from './payout.entity.js';
import type { PayoutsRepository } from './payouts.repository.js';
import type { PayoutViews } from './payout-views.js';
import type { ClaimsService } from '../claims/claims.service.js';

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
  function setup(current: Payout, casResult = true, openRequest: PayoutChangeRequest | null = null) {
    const published: string[] = [];
    const tx = { em: {}, publish: (c: { type: string }) => published.push(c.type) } as unknown as Transaction;
    const uow = { run: (work: (t: Transaction) => Promise<unknown>) => work(tx) } as unknown as UnitOfWork;
    const repo = {
      lock: jest.fn(async () => current),
      find: jest.fn(async () => ({ ...current, status: 'settled' })),
      compareAndSet: jest.fn(async () => casResult),
      addTransition: jest.fn(async () => undefined),
      insertRequest: jest.fn(async () => undefined),
      insertDecision: jest.fn(async () => undefined),
      openRequest: jest.fn(async () => openRequest),
      lastRequest: jest.fn(async () => null),
    };
    const ledger = {
      pay: jest.fn(async () => undefined),
      release: jest.fn(async () => undefined),
      refund: jest.fn(async () => undefined),
      reserve: jest.fn(async () => undefined),
    };
    const views = {
      one: jest.fn(async (_em: unknown, p: Payout) => ({ status: p.status, method: p.method })),
    };
    const svc = new PayoutLifecycleService(
      uow,
      repo as unknown as PayoutsRepository,
      views as unknown as PayoutViews,
      {} as ClaimsService,
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
    expect(repo.compareAndSet).toHaveBeenCalledWith({}, payout().id, ['sent'], 'settled', {
      bankReference: 'REF',
    });
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
    await expect(
      setup(payout({ status: 'settled', bankReference: 'REF' })).svc.settle(officer, payout().id, 'OTHER'),
    ).rejects.toMatchObject({ code: 'illegal-transition', status: 409 });
    await expect(
      setup(payout({ method: 'cash', status: 'approved' })).svc.settle(officer, payout().id, 'REF'),
    ).rejects.toMatchObject({ code: 'illegal-transition' });
  });

  it('R-3.10 posts nothing when the compare-and-set loses a race', async () => {
    const { svc, ledger, published } = setup(payout(), false);
    await expect(svc.settle(officer, payout().id, 'REF')).rejects.toMatchObject({
      code: 'illegal-transition',
    });
    expect(ledger.pay).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('R-3.8 only records a request when one officer fails a sent payout: no release, no event', async () => {
    const sent = setup(payout());
    await sent.svc.fail(officer, payout().id, 'AC04');
    expect(sent.repo.compareAndSet).toHaveBeenCalledWith({}, payout().id, ['sent'], 'failure_requested', {});
    expect(sent.repo.insertRequest).toHaveBeenCalledWith(
      {},
      expect.objectContaining({ kind: 'fail', reason: 'AC04', requestedBy: officer.sub }),
    );
    expect(sent.ledger.release).not.toHaveBeenCalled();
    expect(sent.published).toEqual([]);
  });

  it('R-3.8 a second approver confirms a failure request: one release, one event; the requester and the maker cannot', async () => {
    const request = {
      id: 'r1',
      payoutId: payout().id,
      kind: 'fail',
      reason: 'AC04',
      requestedBy: officer.sub,
      requestedAt: new Date(),
    } as PayoutChangeRequest;
    const second: Principal = { sub: 'approver-2', role: 'fund_approver', org: 'FUND' };
    const ok = setup(payout({ status: 'failure_requested' }), true, request);
    await ok.svc.confirm(second, payout().id, 'fail');
    expect(ok.ledger.release).toHaveBeenCalledTimes(1);
    expect(ok.repo.insertDecision).toHaveBeenCalledWith(
      {},
      expect.objectContaining({ requestId: 'r1', decision: 'confirmed', decidedBy: 'approver-2' }),
    );
    expect(ok.published).toEqual(['compensation.payout.failed']);
    const self = setup(payout({ status: 'failure_requested' }), true, request);
    await expect(self.svc.confirm(officer, payout().id, 'fail')).rejects.toMatchObject({
      code: 'requester-cannot-confirm',
      status: 422,
    });
    const maker = setup(payout({ status: 'failure_requested' }), true, request);
    await expect(
      maker.svc.confirm({ ...second, sub: payout().createdBy }, payout().id, 'fail'),
    ).rejects.toMatchObject({ code: 'maker-cannot-confirm', status: 422 });
    expect(self.ledger.release).not.toHaveBeenCalled();
    expect(maker.ledger.release).not.toHaveBeenCalled();
  });

  it('R-3.8 a bank report fails a sent payout at once and releases the reservation', async () => {
    const sent = setup(payout());
    await sent.svc.bankOutcome(officer, payout().id, 'failed', 'AC04', { source: 'pain.002 M1' });
    expect(sent.ledger.release).toHaveBeenCalledTimes(1);
    expect(sent.published).toEqual(['compensation.payout.failed']);
  });

  it('posts nothing when a pending payout is rejected by one person', async () => {
    const pending = setup(payout({ status: 'pending_approval' }));
    await pending.svc.fail(officer, payout().id, 'rejected');
    expect(pending.ledger.release).not.toHaveBeenCalled();
    expect(pending.published).toEqual(['compensation.payout.failed']);
  });

  it('answers 404 for an unknown payout', async () => {
    const { svc, repo } = setup(payout());
    repo.lock.mockResolvedValueOnce(null as unknown as Payout);
    await expect(svc.settle(officer, payout().id, 'REF')).rejects.toMatchObject({
      code: 'not-found',
      status: 404,
    });
  });
});
