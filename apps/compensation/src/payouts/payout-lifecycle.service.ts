import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import {
  LOGGER,
  PayoutApproved,
  PayoutFailed,
  PayoutSettled,
  UnitOfWork,
  type PayoutMethod,
  type Principal,
  type Transaction,
  isCheckViolation,
  isUniqueViolation,
} from '#shared';
import { ClaimsService } from '../claims/claims.service.js';
import { LedgerGate } from '../common/ledger-gate.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import type { CashDisbursementDto } from './dto/payout.dto.js';
import { payoutEventData } from './payout-events.js';
import {
  mayTransition,
  REQUEST_STATES,
  transitionEffect,
  type Authority,
  type ChangeRequestKind,
  type PayoutStatus,
} from './payout-state.js';
import type { Payout } from './payout.entity.js';
import { payoutsErrors } from './payouts.errors.js';
import { PayoutsRepository, type PayoutChanges } from './payouts.repository.js';
import { PayoutMetrics } from './payout-metrics.js';
import { PayoutViews, type PayoutOutcome } from './payout-views.js';

/** Where a bank report came from, for the payout's history. */
export interface BankEvidence {
  /** e.g. `pain.002 NABZ-STS-1` or `camt.054 NABZ-NTF-7` */
  source: string;
}

interface Move {
  /** The step this command means for the payout as it is now (read under its lock). */
  to(p: Payout): PayoutStatus;
  authority: Authority;
  /** Only payouts of this method may take this step. */
  method?: PayoutMethod;
  /** Runs before the payout is locked (to take locks that come first in the lock order). */
  prepare?(tx: Transaction, p: Payout): Promise<void>;
  /** True when the payout already shows the effect of this very command (a retry): answered without a second effect. */
  isRepeat(tx: Transaction, p: Payout): Promise<boolean> | boolean;
  /** Rules that need the locked payout, checked after the repeat test. */
  check?(tx: Transaction, p: Payout, to: PayoutStatus): Promise<void> | void;
  changes?(p: Payout): Promise<PayoutChanges> | PayoutChanges;
  note?: string;
  /** How an open change request ends when this step leaves its state (default: overtaken). */
  decision?: 'confirmed' | 'rejected';
  publish?(tx: Transaction, p: Payout, to: PayoutStatus): void;
}

/**
 * The one path for a payout's state changes: approval (which reserves the money), the
 * batch (`sent`), settlement, failure and return with their four-eyes requests, and cash
 * disbursement. Each step locks the payout row, checks the state machine and who may make the step,
 * changes the status with a compare-and-set, records its change request or decision, writes its
 * ledger posting (each posting kind at most once per payout, by a unique key) and the transition,
 * and queues the event, all in one transaction. So no payout is ever paid twice, whatever is
 * retried or raced.
 */
@Injectable()
export class PayoutLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly payouts: PayoutsRepository,
    private readonly views: PayoutViews,
    private readonly claims: ClaimsService,
    private readonly ledger: LedgerService,
    private readonly cipher: PaymentDataCipher,
    private readonly metrics: PayoutMetrics,
    private readonly gate: LedgerGate,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Approval by a fund approver who is not the maker (R-3.10 maker–checker, `422 maker-cannot-approve`;
   * also a CHECK in the database). Locks claim, payout, then the Fund's available balance, re-checks
   * the claim's cap, reserves the amount and moves the payout to `approved`. A repeat by the approver
   * who approved it is a replay; any other approval of a payout no longer pending is `409`.
   */
  approve(user: Principal, id: string): Promise<PayoutOutcome> {
    let payable = 0;
    let ordered = false;
    return this.move(user, id, {
      to: () => 'approved',
      authority: 'approval',
      // Lock order everywhere: claim, then payout, then ledger accounts.
      prepare: async (tx, p) => {
        const { summary } = await this.claims.lockForFundPayment(
          tx.em,
          p.claimId,
          p.status === 'pending_approval' ? p.amountMinor : 0,
        );
        payable = summary.fundPayableMinor;
        ordered = summary.fundPaymentOrdered;
      },
      isRepeat: (_tx, p) =>
        p.createdBy !== user.sub && p.status !== 'pending_approval' && p.approvedBy === user.sub,
      check: (_tx, p) => {
        // @clause maker–checker: the officer who created a payout never approves it
        if (p.createdBy === user.sub)
          throw payoutsErrors.error(
            'maker-cannot-approve',
            'The officer who created a payout cannot approve it (R-3.10)',
          );
        if (p.status !== 'pending_approval') return;
        // @clause the Fund pays only under a confirmed decision that orders it, at most what recoveries and payments leave
        if (!ordered)
          throw payoutsErrors.error(
            'fund-payment-not-ordered',
            'No confirmed court decision on this claim orders the Fund to pay (R-3.8)',
          );
        if (p.amountMinor > payable)
          throw payoutsErrors.error(
            'exceeds-fund-liability',
            `The Fund may pay at most ${payable} on this claim now (awarded − recovered − paid)`,
          );
      },
      changes: () => ({ approvedBy: user.sub, approvedAt: new Date() }),
      publish: (tx, p) => tx.publish(PayoutApproved, payoutEventData(p, user.sub), { aggregateId: p.id }),
    });
  }

  /** The bank executed the transfer (recorded by an officer, or from a bank report). A repeat with the same reference is a replay. */
  settle(
    user: Principal,
    id: string,
    bankReference: string,
    evidence?: BankEvidence,
  ): Promise<PayoutOutcome> {
    return this.move(user, id, {
      to: () => 'settled',
      authority: evidence ? 'bank_report' : 'officer',
      method: 'bank_transfer',
      isRepeat: (_tx, p) => p.status === 'settled' && p.bankReference === bankReference,
      changes: () => ({ bankReference }),
      note: evidence?.source,
      publish: (tx, p) =>
        tx.publish(
          PayoutSettled,
          { ...payoutEventData(p, user.sub), outcome: 'settled' },
          { aggregateId: p.id },
        ),
    });
  }

  /**
   * `POST /v1/payouts/:id/fail`. Before the payout's file was issued (pending or approved) one person
   * may still reject or cancel it, and a reservation is released at once. Once it was `sent`, this
   * only records a request (`failure_requested`) that a second person confirms or rejects; until
   * then the money stays reserved, so no new payout can use it. A repeat of the same request (same
   * person, same reason) is a replay.
   */
  fail(user: Principal, id: string, reason: string): Promise<PayoutOutcome> {
    return this.move(user, id, {
      to: (p) => (p.status === 'sent' ? 'failure_requested' : 'failed'),
      authority: 'officer',
      isRepeat: async (tx, p) =>
        (p.status === 'failed' && p.failureReason === reason) ||
        (await this.isSameOpenRequest(tx, p, 'fail', user, reason)),
      check: (_tx, p) => this.refuseWhilePending(p),
      changes: (p) => (p.status === 'sent' ? {} : { failureReason: reason }),
      note: reason,
      publish: (tx, p, to) => {
        if (to === 'failed')
          tx.publish(
            PayoutFailed,
            { ...payoutEventData(p, user.sub), outcome: 'failed', reason },
            { aggregateId: p.id },
          );
      },
    });
  }

  /** `POST /v1/payouts/:id/return`: records a request that a settled payout be treated as returned (`return_requested`). */
  requestReturn(user: Principal, id: string, reason: string): Promise<PayoutOutcome> {
    return this.move(user, id, {
      to: () => 'return_requested',
      authority: 'officer',
      method: 'bank_transfer',
      isRepeat: (tx, p) => this.isSameOpenRequest(tx, p, 'return', user, reason),
      check: (_tx, p) => this.refuseWhilePending(p),
      note: reason,
    });
  }

  /**
   * A second person confirms a failure or return request: a `fund_approver` who is neither the
   * requester nor the payout's maker (`422`; also refused by a trigger in the database). The
   * reservation is released (failure) or the paid money is available again (return).
   */
  confirm(user: Principal, id: string, kind: ChangeRequestKind): Promise<PayoutOutcome> {
    const states = REQUEST_STATES[kind];
    let reason = '';
    return this.move(user, id, {
      to: () => states.done,
      authority: 'confirmation',
      decision: 'confirmed',
      isRepeat: async (tx, p) => {
        if (p.status !== states.done) return false;
        const last = await this.payouts.lastRequest(tx.em, p.id, kind);
        return last?.decision?.decision === 'confirmed' && last.decision.decidedBy === user.sub;
      },
      check: async (tx, p) => {
        const open = await this.openRequestOf(tx, p, kind);
        // @clause four eyes: a failure or return is confirmed by neither its requester nor the payout's maker
        if (open.requestedBy === user.sub)
          throw payoutsErrors.error(
            'requester-cannot-confirm',
            'The person who requested this change cannot confirm it',
          );
        if (p.createdBy === user.sub)
          throw payoutsErrors.error(
            'maker-cannot-confirm',
            'The officer who created the payout cannot confirm a change to it',
          );
        reason = open.reason;
      },
      changes: () => ({ failureReason: reason }),
      publish: (tx, p) =>
        tx.publish(
          PayoutFailed,
          { ...payoutEventData(p, user.sub), outcome: kind === 'fail' ? 'failed' : 'returned', reason },
          { aggregateId: p.id },
        ),
    });
  }

  /** Rejects an open failure or return request: the payout goes back to `sent` or `settled`, nothing moves in the ledger. */
  reject(user: Principal, id: string, kind: ChangeRequestKind, note?: string): Promise<PayoutOutcome> {
    const states = REQUEST_STATES[kind];
    return this.move(user, id, {
      to: () => states.back,
      authority: 'officer',
      decision: 'rejected',
      isRepeat: async (tx, p) => {
        if (p.status !== states.back) return false;
        const last = await this.payouts.lastRequest(tx.em, p.id, kind);
        return last?.decision?.decision === 'rejected' && last.decision.decidedBy === user.sub;
      },
      check: async (tx, p) => {
        await this.openRequestOf(tx, p, kind);
      },
      note: note ?? `${kind} request rejected`,
    });
  }

  /**
   * A bank report names the payout as rejected (pain.002 RJCT) or returned (camt.054): a payout still
   * in the bank's hands fails (reservation released); a settled one is returned. An open request is
   * overtaken. A repeat of the same report is a replay.
   */
  bankOutcome(
    user: Principal,
    id: string,
    outcome: 'failed' | 'returned',
    reason: string,
    evidence: BankEvidence,
  ): Promise<PayoutOutcome> {
    return this.move(user, id, {
      to: (p) =>
        outcome === 'returned' && (p.status === 'settled' || p.status === 'return_requested')
          ? 'returned'
          : 'failed',
      authority: 'bank_report',
      method: 'bank_transfer',
      isRepeat: (_tx, p) => (p.status === 'failed' || p.status === 'returned') && p.failureReason === reason,
      changes: () => ({ failureReason: reason }),
      note: `${evidence.source}: ${reason}`.slice(0, 200),
      publish: (tx, p, to) =>
        tx.publish(
          PayoutFailed,
          { ...payoutEventData(p, user.sub), outcome: to === 'returned' ? 'returned' : 'failed', reason },
          { aggregateId: p.id },
        ),
    });
  }

  /**
   * Cash handed over: records the receipt number, the identity document checked (encrypted)
   * and the officer. A repeat with the same receipt number is a replay; a receipt number already used
   * on another payout is `409 receipt-number-used`.
   */
  // @clause cash is disbursed once, with receipt and identity document
  async disburse(user: Principal, id: string, dto: CashDisbursementDto): Promise<PayoutOutcome> {
    try {
      return await this.move(user, id, {
        to: () => 'disbursed',
        authority: 'officer',
        method: 'cash',
        isRepeat: (_tx, p) => p.status === 'disbursed' && p.receiptNumber === dto.receiptNumber,
        changes: (p) => ({
          receiptNumber: dto.receiptNumber,
          identityDocumentEnc: this.cipher.encrypt(dto.identityDocument, p.id, 'identity_document'),
        }),
        note: `receipt ${dto.receiptNumber}`,
        publish: (tx, p) =>
          tx.publish(
            PayoutSettled,
            { ...payoutEventData(p, user.sub), outcome: 'disbursed' },
            { aggregateId: p.id },
          ),
      });
    } catch (err) {
      if (isUniqueViolation(err, 'payouts_receipt_number_uq')) {
        throw payoutsErrors.error(
          'receipt-number-used',
          'This receipt number is already recorded on another payout',
        );
      }
      throw err;
    }
  }

  /**
   * For batches: locks the payouts (in id order) and checks each is an approved bank transfer in no
   * batch yet; otherwise `409 payout-not-batchable` naming the payout ids that are not.
   */
  async lockBatchable(em: EntityManager, ids: string[]): Promise<Payout[]> {
    const found = await this.payouts.lockMany(em, ids);
    const ok = new Set(
      found
        .filter((p) => p.method === 'bank_transfer' && p.status === 'approved' && p.batchId === null)
        .map((p) => p.id),
    );
    const bad = ids.filter((id) => !ok.has(id));
    if (bad.length > 0) {
      throw payoutsErrors.error(
        'payout-not-batchable',
        `Only approved bank transfers not yet in a batch can be batched; not these: ${bad.join(', ')}`,
      );
    }
    return found;
  }

  /** Marks locked, batchable payouts `sent` in the given batch: their pain.001 file is issued from now on. */
  async markSent(em: EntityManager, payouts: Payout[], batchId: string, actor: string): Promise<void> {
    for (const p of payouts) {
      const changed = await this.payouts.compareAndSet(em, p.id, ['approved'], 'sent', { batchId });
      if (!changed)
        throw payoutsErrors.error('payout-not-batchable', `Payout ${p.id} changed while being batched`);
      await this.payouts.addTransition(em, {
        payoutId: p.id,
        from: 'approved',
        to: 'sent',
        actor,
        note: `batch ${batchId}`,
      });
    }
  }

  private refuseWhilePending(p: Payout): void {
    if (p.status === 'failure_requested' || p.status === 'return_requested') {
      throw payoutsErrors.error(
        'change-request-pending',
        'A request to change this payout is waiting for confirmation; confirm or reject it first',
      );
    }
  }

  private async isSameOpenRequest(
    tx: Transaction,
    p: Payout,
    kind: ChangeRequestKind,
    user: Principal,
    reason: string,
  ): Promise<boolean> {
    if (p.status !== REQUEST_STATES[kind].requested) return false;
    const open = await this.payouts.openRequest(tx.em, p.id);
    return open !== null && open.kind === kind && open.requestedBy === user.sub && open.reason === reason;
  }

  private async openRequestOf(tx: Transaction, p: Payout, kind: ChangeRequestKind) {
    const open =
      p.status === REQUEST_STATES[kind].requested ? await this.payouts.openRequest(tx.em, p.id) : null;
    if (!open || open.kind !== kind)
      throw payoutsErrors.error(
        'no-change-request',
        `No ${kind} request is waiting on this payout (status ${p.status})`,
      );
    return open;
  }

  private move(user: Principal, id: string, m: Move): Promise<PayoutOutcome> {
    return this.metrics.observe(this.gate.run(() => this.moveOnce(user, id, m)));
  }

  private async moveOnce(user: Principal, id: string, m: Move): Promise<PayoutOutcome> {
    try {
      return await this.uow.run((tx) => this.step(tx, user, id, m));
    } catch (err) {
      // The database's own four-eyes guard (a trigger) in case a rule above were ever bypassed.
      if (isCheckViolation(err, 'payout_change_decisions_four_eyes')) {
        throw payoutsErrors.error(
          'requester-cannot-confirm',
          'A change is confirmed by someone other than its requester and the payout’s maker',
        );
      }
      throw err;
    }
  }

  private async step(tx: Transaction, user: Principal, id: string, m: Move): Promise<PayoutOutcome> {
    if (m.prepare) {
      const before = await this.payouts.find(tx.em, id);
      if (!before) throw payoutsErrors.error('not-found', 'No such payout');
      await m.prepare(tx, before);
    }
    const p = await this.payouts.lock(tx.em, id);
    if (!p) throw payoutsErrors.error('not-found', 'No such payout');
    const to = m.to(p);
    if (m.method && p.method !== m.method)
      throw payoutsErrors.error('illegal-transition', `A ${p.method} payout cannot become ${to}`);
    if (await m.isRepeat(tx, p)) return { payout: await this.views.one(tx.em, p), replayed: true };
    await m.check?.(tx, p, to);
    const effect = transitionEffect(p.status, to);
    if (effect === undefined)
      throw payoutsErrors.error('illegal-transition', `A payout in status ${p.status} cannot become ${to}`);
    // @clause each step only on the word it needs: one officer, an approver, a bank report or a second person
    if (!mayTransition(p.status, to, m.authority)) {
      throw payoutsErrors.error(
        'illegal-transition',
        `A payout in status ${p.status} becomes ${to} only on a bank report or a second person's confirmation`,
      );
    }
    const changed = await this.payouts.compareAndSet(tx.em, id, [p.status], to, (await m.changes?.(p)) ?? {});
    if (!changed) throw payoutsErrors.error('illegal-transition', 'The payout changed concurrently');
    await this.recordRequest(tx, user, p, to, m);
    await this.payouts.addTransition(tx.em, {
      payoutId: id,
      from: p.status,
      to,
      actor: user.sub,
      note: m.note,
    });
    const saved = (await this.payouts.find(tx.em, id))!;
    // Last before commit: the Fund's account rows are the hottest locks of the service; hold them briefly.
    switch (effect) {
      case 'reserve':
        await this.ledger.reserve(tx.em, p.id, p.amountMinor, user.sub);
        break;
      case 'pay':
        await this.ledger.pay(tx.em, p.id, p.amountMinor, user.sub);
        break;
      case 'release':
        await this.ledger.release(tx.em, p.id, p.amountMinor, user.sub);
        break;
      case 'refund':
        await this.ledger.refund(tx.em, p.id, p.amountMinor, user.sub);
        break;
      case 'none':
        break;
    }
    m.publish?.(tx, saved, to);
    this.logger.info({ payoutId: id, from: p.status, to, by: user.sub }, 'payout transition');
    return { payout: await this.views.one(tx.em, saved), replayed: false };
  }

  /** Entering a request state records the request; leaving one records its decision (the audit trail). */
  private async recordRequest(
    tx: Transaction,
    user: Principal,
    p: Payout,
    to: PayoutStatus,
    m: Move,
  ): Promise<void> {
    for (const [kind, states] of Object.entries(REQUEST_STATES) as [
      ChangeRequestKind,
      (typeof REQUEST_STATES)[ChangeRequestKind],
    ][]) {
      if (to === states.requested) {
        await this.payouts.insertRequest(tx.em, {
          id: randomUUID(),
          payoutId: p.id,
          kind,
          reason: m.note ?? '',
          requestedBy: user.sub,
        });
      }
      if (p.status === states.requested) {
        const open = await this.payouts.openRequest(tx.em, p.id);
        if (open)
          await this.payouts.insertDecision(tx.em, {
            requestId: open.id,
            decision: m.decision ?? 'overtaken',
            decidedBy: user.sub,
            note: m.note,
          });
      }
    }
  }
}
