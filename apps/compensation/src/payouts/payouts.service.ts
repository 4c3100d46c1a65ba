import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER, PayoutRequested, UnitOfWork, type Principal, isUniqueViolation } from '#shared';
import { ClaimsService } from '../claims/claims.service.js';
import { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import type { CreatePayoutDto } from './dto/payout.dto.js';
import { PaymentDetailsResponse, PayoutResponse } from './dto/payout.response.js';
import { normaliseBic, normaliseIban } from './iban.js';
import { payoutEventData } from './payout-events.js';
import type { Payout } from './payout.entity.js';
import { payoutsErrors } from './payouts.errors.js';
import { PayoutsRepository } from './payouts.repository.js';
import { PayoutMetrics } from './payout-metrics.js';
import { PaymentDataAccessLog } from '../payment-data/payment-data-access.log.js';
import { PayoutViews, type PayoutOutcome } from './payout-views.js';

/**
 * Payouts of compensation: creation by a fund officer (idempotent on `Idempotency-Key`),
 * reads, and the beneficiary's payment details. Every later state change (approval, batch,
 * settlement, failure, return, cash) is made by {@link PayoutLifecycleService}.
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly payouts: PayoutsRepository,
    private readonly claims: ClaimsService,
    private readonly cipher: PaymentDataCipher,
    private readonly accessLog: PaymentDataAccessLog,
    private readonly views: PayoutViews,
    private readonly metrics: PayoutMetrics,
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
  private async createOnce(
    user: Principal,
    idempotencyKey: string,
    dto: CreatePayoutDto,
  ): Promise<PayoutOutcome> {
    // @clause compensation is paid by bank transfer or in cash as the victim chooses: the choice is recorded, by whom and when
    if (dto.methodChosenBy !== 'victim') {
      throw payoutsErrors.error(
        'method-not-chosen-by-victim',
        'The payment method is the victim’s choice (R-3.10): methodChosenBy must be "victim"',
        [{ field: 'methodChosenBy', message: 'must be "victim"' }],
      );
    }
    const iban = dto.iban === undefined ? undefined : normaliseIban(dto.iban);
    const bic = dto.bic === undefined ? null : normaliseBic(dto.bic);
    try {
      return await this.uow.run(async (tx) => {
        const { claim, summary } = await this.claims.lockForFundPayment(tx.em, dto.claimId);
        // Under the claim lock a concurrent retry of the same key has committed or not started.
        const earlier = await this.payouts.findByIdempotencyKey(tx.em, user.sub, idempotencyKey);
        if (earlier) return this.replay(tx.em, earlier, dto, iban, bic);
        if (!summary.fundPaymentOrdered) {
          throw payoutsErrors.error(
            'fund-payment-not-ordered',
            'No court decision on this claim orders the Fund to pay (R-3.8)',
          );
        }
        if (dto.amountMinor > summary.fundPayableMinor) {
          throw payoutsErrors.error(
            'exceeds-fund-liability',
            `The Fund may pay at most ${summary.fundPayableMinor} more on this claim (awarded − recovered − paid or pending)`,
          );
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
          bic,
          methodChosenBy: 'victim',
          methodRecordedBy: user.sub,
          methodRecordedAt: new Date(),
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
        await this.payouts.addTransition(tx.em, {
          payoutId: id,
          from: null,
          to: 'pending_approval',
          actor: user.sub,
        });
        const saved = (await this.payouts.find(tx.em, id))!;
        tx.publish(PayoutRequested, payoutEventData(saved, user.sub), { aggregateId: id });
        this.logger.info(
          { payoutId: id, claimId: claim.id, method: dto.method, amountMinor: dto.amountMinor, by: user.sub },
          'payout requested',
        );
        return { payout: await this.respond(tx.em, saved), replayed: false };
      });
    } catch (err) {
      // Same key used concurrently on two different claims: the unique key let only one in.
      if (isUniqueViolation(err, 'payouts_idempotency_uq')) {
        const earlier = await this.payouts.findByIdempotencyKey(
          this.dataSource.manager,
          user.sub,
          idempotencyKey,
        );
        if (earlier) return this.replay(this.dataSource.manager, earlier, dto, iban, bic);
      }
      throw err;
    }
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
      return this.views.many(em, await this.payouts.list(em, filter, 500));
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

  private respond(em: EntityManager, p: Payout): Promise<PayoutResponse> {
    return this.views.one(em, p);
  }

  private ibanOf(p: Payout): string | undefined {
    return this.views.ibanOf(p);
  }

  /** A retried create: the same payout if the request is the same, else `422 idempotency-key-reused`. */
  private async replay(
    em: EntityManager,
    p: Payout,
    dto: CreatePayoutDto,
    iban: string | undefined,
    bic: string | null,
  ): Promise<PayoutOutcome> {
    const same =
      p.claimId === dto.claimId &&
      p.amountMinor === dto.amountMinor &&
      p.method === dto.method &&
      this.cipher.decrypt(p.beneficiaryNameEnc, p.id, 'beneficiary_name') === dto.beneficiaryName &&
      this.ibanOf(p) === iban &&
      p.bic === bic;
    if (!same)
      throw payoutsErrors.error(
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different payout request',
      );
    return { payout: await this.respond(em, p), replayed: true };
  }
}
