import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER, PayoutApproved, PayoutRequested, UnitOfWork, type Principal } from '#shared';
import { ClaimsService } from '../claims/claims.service.js';
import { LedgerGate } from '../common/ledger-gate.js';
import { isUniqueViolation } from '../common/pg-errors.js';
import { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import type { CreatePayoutDto } from './dto/payout.dto.js';
import { PaymentDetailsResponse, PayoutResponse } from './dto/payout.response.js';
import { normaliseIban } from './iban.js';
import { payoutEventData } from './payout-events.js';
import type { Payout } from './payout.entity.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { payoutsErrors } from './payouts.errors.js';
import { PayoutsRepository } from './payouts.repository.js';
import { PayoutMetrics } from './payout-metrics.js';
import { PaymentDataAccessLog } from '../payment-data/payment-data-access.log.js';

/** Result of a create or a repeated command: the payout, and whether this call only replayed an earlier one. */
export interface PayoutOutcome {
  payout: PayoutResponse;
  replayed: boolean;
}

/**
 * Payouts of compensation: creation by a fund officer (idempotent on `Idempotency-Key`) and
 * approval by a different fund approver (maker–checker), which reserves the money in the ledger.
 * Later steps (batch, settlement, failure, cash) are in {@link PayoutLifecycleService}.
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly payouts: PayoutsRepository,
    private readonly claims: ClaimsService,
    private readonly ledger: LedgerService,
    private readonly cipher: PaymentDataCipher,
    private readonly accessLog: PaymentDataAccessLog,
    private readonly metrics: PayoutMetrics,
    private readonly gate: LedgerGate,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Creates a payout in `pending_approval`. A retry with the same key by the same officer returns the
   * same payout (no second payout, no second event); the same key with a different request is `422`.
   * only under a decision that orders the Fund to pay, and at most what the Fund may still pay,
   * checked under the claim's lock (checked again at approval).
   */
  async create(user: Principal, idempotencyKey: string, dto: CreatePayoutDto): Promise<PayoutOutcome> {
    return this.metrics.observe(this.createOnce(user, idempotencyKey, dto));
  }

  // @clause a Fund payout only under an ordering decision and within what the Fund may still pay
  private async createOnce(user: Principal, idempotencyKey: string, dto: CreatePayoutDto): Promise<PayoutOutcome> {
    const iban = dto.iban === undefined ? undefined : normaliseIban(dto.iban);
    try {
      return await this.uow.run(async (tx) => {
        const { claim, summary } = await this.claims.lockForFundPayment(tx.em, dto.claimId);
        // Under the claim lock a concurrent retry of the same key has committed or not started.
        const earlier = await this.payouts.findByIdempotencyKey(tx.em, user.sub, idempotencyKey);
        if (earlier) return this.replay(tx.em, earlier, dto, iban);
        if (!summary.fundPaymentOrdered) {
          throw payoutsErrors.error('fund-payment-not-ordered', 'No court decision on this claim orders the Fund to pay (R-3.8)');
        }
        if (dto.amountMinor > summary.fundPayableMinor) {
          throw payoutsErrors.error('exceeds-fund-liability', `The Fund may pay at most ${summary.fundPayableMinor} more on this claim (awarded − recovered − paid or pending)`);
        }
        const id = randomUUID();
        await this.payouts.insert(tx.em, {
          id,
          claimId: claim.id,
          victimRef: claim.victimRef,
          amountMinor: dto.amountMinor,
          method: dto.method,
          status: 'pending_approval',
          beneficiaryNameEnc: this.cipher.encrypt(dto.beneficiaryName, id, 'beneficiary_name'),
          ibanEnc: iban === undefined ? null : this.cipher.encrypt(iban, id, 'iban'),
          idempotencyKey,
          createdBy: user.sub,
          approvedBy: null,
          approvedAt: null,
          batchId: null,
          bankReference: null,
          failureReason: null,
          receiptNumber: null,
          identityDocumentEnc: null,
        });
        await this.payouts.addTransition(tx.em, { payoutId: id, from: null, to: 'pending_approval', actor: user.sub });
        const saved = (await this.payouts.find(tx.em, id))!;
        tx.publish(PayoutRequested, payoutEventData(saved, user.sub), { aggregateId: id });
        this.logger.info({ payoutId: id, claimId: claim.id, method: dto.method, amountMinor: dto.amountMinor, by: user.sub }, 'payout requested');
        return { payout: await this.respond(tx.em, saved), replayed: false };
      });
    } catch (err) {
      // Same key used concurrently on two different claims: the unique key let only one in.
      if (isUniqueViolation(err, 'payouts_idempotency_uq')) {
        const earlier = await this.payouts.findByIdempotencyKey(this.dataSource.manager, user.sub, idempotencyKey);
        if (earlier) return this.replay(this.dataSource.manager, earlier, dto, iban);
      }
      throw err;
    }
  }

  /**
   * Approval by a fund approver who is not the maker (R-3.10 maker–checker, `422 maker-cannot-approve`;
   * also a CHECK in the database). Locks claim, payout, then the Fund's available balance, re-checks
   * the claim's cap, reserves the amount and moves the payout to `approved` in one transaction. A
   * repeat by the approver who approved it returns the payout unchanged (`replayed`); any other
   * approval of a payout that is no longer pending is `409 illegal-transition`.
   */
  async approve(user: Principal, id: string): Promise<PayoutOutcome> {
    return this.metrics.observe(this.gate.run(() => this.approveOnce(user, id)));
  }

  // @clause maker–checker: the approver is never the maker
  private approveOnce(user: Principal, id: string): Promise<PayoutOutcome> {
    return this.uow.run(async (tx) => {
      const before = await this.payouts.find(tx.em, id);
      if (!before) throw payoutsErrors.error('not-found', 'No such payout');
      // Lock order everywhere: claim, then payout, then ledger accounts.
      const { summary } = await this.claims.lockForFundPayment(tx.em, before.claimId, before.amountMinor);
      const p = (await this.payouts.lock(tx.em, id))!;
      if (p.createdBy === user.sub) {
        throw payoutsErrors.error('maker-cannot-approve', 'The officer who created a payout cannot approve it (R-3.10)');
      }
      if (p.status !== 'pending_approval') {
        if (p.approvedBy === user.sub) return { payout: await this.respond(tx.em, p), replayed: true };
        throw payoutsErrors.error('illegal-transition', `A payout in status ${p.status} cannot be approved`);
      }
      if (!summary.fundPaymentOrdered) {
        throw payoutsErrors.error('fund-payment-not-ordered', 'No court decision on this claim orders the Fund to pay (R-3.8)');
      }
      if (p.amountMinor > summary.fundPayableMinor) {
        throw payoutsErrors.error('exceeds-fund-liability', `The Fund may pay at most ${summary.fundPayableMinor} on this claim now (awarded − recovered − paid)`);
      }
      const changed = await this.payouts.compareAndSet(tx.em, id, ['pending_approval'], 'approved', { approvedBy: user.sub, approvedAt: new Date() });
      if (!changed) throw payoutsErrors.error('illegal-transition', 'The payout changed while being approved');
      await this.payouts.addTransition(tx.em, { payoutId: id, from: 'pending_approval', to: 'approved', actor: user.sub });
      const saved = (await this.payouts.find(tx.em, id))!;
      // Last before commit: the Fund's available row is the hottest lock of the service; hold it briefly.
      await this.ledger.reserve(tx.em, p.id, p.amountMinor, user.sub);
      tx.publish(PayoutApproved, payoutEventData(saved, user.sub), { aggregateId: id });
      this.logger.info({ payoutId: id, by: user.sub }, 'payout approved');
      return { payout: await this.respond(tx.em, saved), replayed: false };
    });
  }

  async get(id: string): Promise<PayoutResponse> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const p = await this.payouts.find(em, id);
      if (!p) throw payoutsErrors.error('not-found', 'No such payout');
      return this.respond(em, p);
    });
  }

  async list(filter: { claimId?: string }): Promise<PayoutResponse[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const rows = await this.payouts.list(em, filter, 500);
      const history = await this.payouts.historyOf(em, rows.map((r) => r.id));
      return rows.map((p) => PayoutResponse.from(p, history.filter((h) => h.payoutId === p.id), this.ibanOf(p)));
    });
  }

  /** The beneficiary's name and IBAN, decrypted for fund staff; the read is recorded. */
  async paymentDetails(user: Principal, id: string): Promise<PaymentDetailsResponse> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.payouts.find(em, id);
      if (!p) throw payoutsErrors.error('not-found', 'No such payout');
      await this.accessLog.record(em, 'payout_details', id, user);
      const iban = this.ibanOf(p);
      return Object.assign(new PaymentDetailsResponse(), {
        payoutId: p.id,
        beneficiaryName: this.cipher.decrypt(p.beneficiaryNameEnc, p.id, 'beneficiary_name'),
        ...(iban ? { iban } : {}),
      });
    });
  }

  async respond(em: EntityManager, p: Payout): Promise<PayoutResponse> {
    return PayoutResponse.from(p, await this.payouts.history(em, p.id), this.ibanOf(p));
  }

  private ibanOf(p: Payout): string | undefined {
    return p.ibanEnc ? this.cipher.decrypt(p.ibanEnc, p.id, 'iban') : undefined;
  }

  /** A retried create: the same payout if the request is the same, else `422 idempotency-key-reused`. */
  private async replay(em: EntityManager, p: Payout, dto: CreatePayoutDto, iban: string | undefined): Promise<PayoutOutcome> {
    const same =
      p.claimId === dto.claimId &&
      p.amountMinor === dto.amountMinor &&
      p.method === dto.method &&
      this.cipher.decrypt(p.beneficiaryNameEnc, p.id, 'beneficiary_name') === dto.beneficiaryName &&
      this.ibanOf(p) === iban;
    if (!same) throw payoutsErrors.error('idempotency-key-reused', 'This Idempotency-Key was used for a different payout request');
    return { payout: await this.respond(em, p), replayed: true };
  }
}
