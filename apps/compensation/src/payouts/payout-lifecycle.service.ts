import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER, PayoutFailed, PayoutSettled, UnitOfWork, type PayoutMethod, type Principal, type Transaction } from '#shared';
import { LedgerGate } from '../common/ledger-gate.js';
import { isUniqueViolation } from '../common/pg-errors.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import type { CashDisbursementDto } from './dto/payout.dto.js';
import { payoutEventData } from './payout-events.js';
import { transitionEffect, type PayoutStatus } from './payout-state.js';
import type { Payout } from './payout.entity.js';
import { payoutsErrors } from './payouts.errors.js';
import { PayoutsRepository, type PayoutChanges } from './payouts.repository.js';
import { PayoutsService, type PayoutOutcome } from './payouts.service.js';
import { PayoutMetrics } from './payout-metrics.js';

interface Move {
  to: PayoutStatus;
  /** Only payouts of this method may take this step. */
  method?: PayoutMethod;
  /** True when the payout already shows the effect of this very command (a retry): answered without a second effect. */
  isRepeat(p: Payout): boolean;
  changes(p: Payout): PayoutChanges;
  note?: string;
  publish(tx: Transaction, p: Payout): void;
}

/**
 * The later life of an approved payout: into a bank batch (`sent`), `settled`, `failed`,
 * `returned`, or for cash `disbursed`. Each step locks the payout row, checks the state machine,
 * changes the status with a compare-and-set, writes its ledger posting (each posting kind at most once
 * per payout, by a unique key) and the transition record, and queues the event, all in one
 * transaction. So no payout is ever paid twice, whatever is retried or raced.
 */
@Injectable()
export class PayoutLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly payouts: PayoutsRepository,
    private readonly payoutsService: PayoutsService,
    private readonly ledger: LedgerService,
    private readonly cipher: PaymentDataCipher,
    private readonly metrics: PayoutMetrics,
    private readonly gate: LedgerGate,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The bank executed the transfer. A repeat with the same bank reference is answered as a replay. */
  settle(user: Principal, id: string, bankReference: string): Promise<PayoutOutcome> {
    return this.move(user, id, {
      to: 'settled',
      method: 'bank_transfer',
      isRepeat: (p) => p.status === 'settled' && p.bankReference === bankReference,
      changes: () => ({ bankReference }),
      publish: (tx, p) => tx.publish(PayoutSettled, { ...payoutEventData(p, user.sub), outcome: 'settled' }, { aggregateId: p.id }),
    });
  }

  /** The payment failed (or a pending payout is rejected); a reservation is released. */
  fail(user: Principal, id: string, reason: string): Promise<PayoutOutcome> {
    return this.move(user, id, {
      to: 'failed',
      isRepeat: (p) => p.status === 'failed' && p.failureReason === reason,
      changes: () => ({ failureReason: reason }),
      note: reason,
      publish: (tx, p) => tx.publish(PayoutFailed, { ...payoutEventData(p, user.sub), outcome: 'failed', reason }, { aggregateId: p.id }),
    });
  }

  /** The bank returned a settled transfer; the money is available to the Fund again. */
  returned(user: Principal, id: string, reason: string): Promise<PayoutOutcome> {
    return this.move(user, id, {
      to: 'returned',
      method: 'bank_transfer',
      isRepeat: (p) => p.status === 'returned' && p.failureReason === reason,
      changes: () => ({ failureReason: reason }),
      note: reason,
      publish: (tx, p) => tx.publish(PayoutFailed, { ...payoutEventData(p, user.sub), outcome: 'returned', reason }, { aggregateId: p.id }),
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
        to: 'disbursed',
        method: 'cash',
        isRepeat: (p) => p.status === 'disbursed' && p.receiptNumber === dto.receiptNumber,
        changes: (p) => ({ receiptNumber: dto.receiptNumber, identityDocumentEnc: this.cipher.encrypt(dto.identityDocument, p.id, 'identity_document') }),
        note: `receipt ${dto.receiptNumber}`,
        publish: (tx, p) => tx.publish(PayoutSettled, { ...payoutEventData(p, user.sub), outcome: 'disbursed' }, { aggregateId: p.id }),
      });
    } catch (err) {
      if (isUniqueViolation(err, 'payouts_receipt_number_uq')) {
        throw payoutsErrors.error('receipt-number-used', 'This receipt number is already recorded on another payout');
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
    const ok = new Set(found.filter((p) => p.method === 'bank_transfer' && p.status === 'approved' && p.batchId === null).map((p) => p.id));
    const bad = ids.filter((id) => !ok.has(id));
    if (bad.length > 0) {
      throw payoutsErrors.error('payout-not-batchable', `Only approved bank transfers not yet in a batch can be batched; not these: ${bad.join(', ')}`);
    }
    return found;
  }

  /** Marks locked, batchable payouts `sent` in the given batch. */
  async markSent(em: EntityManager, payouts: Payout[], batchId: string, actor: string): Promise<void> {
    for (const p of payouts) {
      const changed = await this.payouts.compareAndSet(em, p.id, ['approved'], 'sent', { batchId });
      if (!changed) throw payoutsErrors.error('payout-not-batchable', `Payout ${p.id} changed while being batched`);
      await this.payouts.addTransition(em, { payoutId: p.id, from: 'approved', to: 'sent', actor, note: `batch ${batchId}` });
    }
  }

  private move(user: Principal, id: string, m: Move): Promise<PayoutOutcome> {
    return this.metrics.observe(this.gate.run(() => this.moveOnce(user, id, m)));
  }

  private moveOnce(user: Principal, id: string, m: Move): Promise<PayoutOutcome> {
    return this.uow.run(async (tx) => {
      const p = await this.payouts.lock(tx.em, id);
      if (!p) throw payoutsErrors.error('not-found', 'No such payout');
      if (m.method && p.method !== m.method) {
        throw payoutsErrors.error('illegal-transition', `A ${p.method} payout cannot become ${m.to}`);
      }
      if (m.isRepeat(p)) return { payout: await this.payoutsService.respond(tx.em, p), replayed: true };
      const effect = transitionEffect(p.status, m.to);
      if (effect === undefined) throw payoutsErrors.error('illegal-transition', `A payout in status ${p.status} cannot become ${m.to}`);
      const changed = await this.payouts.compareAndSet(tx.em, id, [p.status], m.to, m.changes(p));
      if (!changed) throw payoutsErrors.error('illegal-transition', 'The payout changed concurrently');
      switch (effect) {
        case 'pay':
          await this.ledger.pay(tx.em, p.id, p.amountMinor, user.sub);
          break;
        case 'release':
          await this.ledger.release(tx.em, p.id, p.amountMinor, user.sub);
          break;
        case 'refund':
          await this.ledger.refund(tx.em, p.id, p.amountMinor, user.sub);
          break;
        case 'reserve':
          // Reservation happens only on approval, which has its own path with the claim's cap check.
          throw payoutsErrors.error('illegal-transition', 'Approve payouts through the approval endpoint');
        case 'none':
          break;
      }
      await this.payouts.addTransition(tx.em, { payoutId: id, from: p.status, to: m.to, actor: user.sub, note: m.note });
      const saved = (await this.payouts.find(tx.em, id))!;
      m.publish(tx, saved);
      this.logger.info({ payoutId: id, from: p.status, to: m.to, by: user.sub }, 'payout transition');
      return { payout: await this.payoutsService.respond(tx.em, saved), replayed: false };
    });
  }
}
