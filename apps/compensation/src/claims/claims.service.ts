import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import {
  ClaimChanged,
  commonErrors,
  LOGGER,
  UnitOfWork,
  type ClaimChange,
  type Principal,
  type Transaction,
  isCheckViolation,
  isUniqueViolation,
} from '#shared';
import { decisionKey } from './court-decision-rules.js';
import { summariseClaim, type ClaimSummary } from './claim-figures.js';
import type { Claim } from './claim.entity.js';
import { claimsErrors } from './claims.errors.js';
import { ClaimsRepository } from './claims.repository.js';
import type { CreateClaimDto, CreateCourtDecisionDto, CreateRecoveryDto } from './dto/claim.dto.js';
import { ClaimResponse } from './dto/claim.response.js';

/** Claims, court decisions and recoveries, and what the Fund may pay. */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimsRepository,
    private readonly uow: UnitOfWork,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * a victim's claim for material and moral damage.: nothing here asks whether the
   * victim cooperated with law enforcement; the DTO has no such field and refuses unknown ones.
   */
  // @clause a claim for material and moral damage; nothing asks about cooperation with law enforcement
  async create(user: Principal, dto: CreateClaimDto): Promise<ClaimResponse> {
    const id = randomUUID();
    try {
      await this.uow.run(async (tx) => {
        await this.claims.insertClaim(tx.em, {
          id,
          victimRef: dto.victimRef,
          caseNumber: dto.caseNumber,
          claimedMaterialMinor: dto.claimedMaterialMinor,
          claimedMoralMinor: dto.claimedMoralMinor,
          createdBy: user.sub,
        });
        await this.publishFigures(tx, id, dto.victimRef, 'opened');
      });
    } catch (err) {
      if (isUniqueViolation(err, 'claims_victim_case_uq')) {
        throw claimsErrors.error('claim-exists', 'A claim for this victim and case number already exists');
      }
      throw err;
    }
    this.logger.info({ claimId: id, by: user.sub }, 'claim opened');
    return this.get(id);
  }

  /** The claim with awarded, recovered, paid by the Fund and outstanding, read in one snapshot. */
  async get(id: string): Promise<ClaimResponse> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const claim = await this.claims.find(em, id);
      if (!claim) throw claimsErrors.error('not-found', 'No such claim');
      return this.respond(em, claim);
    });
  }

  /** Claims of a victim or a case (at least one filter), with their figures. */
  async search(filter: { victimRef?: string; caseNumber?: string }): Promise<ClaimResponse[]> {
    if (!filter.victimRef && !filter.caseNumber) {
      throw commonErrors.error('validation-failed', 'Invalid fields: victimRef', [
        { field: 'victimRef', message: 'give victimRef or caseNumber' },
      ]);
    }
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const claims = await this.claims.search(em, filter, 100);
      const out: ClaimResponse[] = [];
      for (const c of claims) out.push(await this.respond(em, c));
      return out;
    });
  }

  /**
   * a court decision with the amount awarded and whether the Fund is ordered to pay. It counts
   * only once a second person confirms it. Identified on the claim by its normalised court and
   * number: a re-typed decision is `409 duplicate-court-decision` (a unique index, so also under
   * concurrent calls). A decision on appeal names the one it replaces (`supersedesDecisionId`, of
   * the same claim, replaced at most once).
   */
  // @clause a court decision is recorded once: identified by normalised court and number
  async addCourtDecision(
    user: Principal,
    claimId: string,
    dto: CreateCourtDecisionDto,
  ): Promise<ClaimResponse> {
    const invalid = (field: string, message: string) =>
      commonErrors.error('validation-failed', `Invalid fields: ${field}`, [{ field, message }]);
    if (dto.decidedAt > new Date().toISOString().slice(0, 10))
      throw invalid('decidedAt', 'must not be in the future');
    const courtKey = decisionKey(dto.court);
    const numberKey = decisionKey(dto.decisionNumber);
    if (courtKey === '') throw invalid('court', 'must contain letters or digits');
    if (numberKey === '') throw invalid('decisionNumber', 'must contain letters or digits');
    try {
      return await this.dataSource.transaction(async (em) => {
        const claim = await this.lockExisting(em, claimId);
        if (dto.supersedesDecisionId !== undefined) {
          const field = [
            {
              field: 'supersedesDecisionId',
              message: 'must name a decision of this claim that no other decision supersedes',
            },
          ];
          const replaced = await this.claims.findDecision(em, claimId, dto.supersedesDecisionId);
          if (!replaced || replaced.duplicateOf !== null)
            throw claimsErrors.error(
              'unknown-superseded-decision',
              'supersedesDecisionId names no decision of this claim',
              field,
            );
          if (await this.claims.supersederOf(em, replaced.id))
            throw claimsErrors.error(
              'decision-already-superseded',
              'That decision is already superseded; supersede the latest decision of its chain',
              field,
            );
          if (dto.decidedAt < replaced.decidedAt)
            throw invalid('decidedAt', 'must not be before the decision it supersedes');
        }
        await this.claims.insertDecision(em, {
          id: randomUUID(),
          claimId,
          court: dto.court,
          decisionNumber: dto.decisionNumber,
          courtKey,
          numberKey,
          supersedesDecisionId: dto.supersedesDecisionId ?? null,
          duplicateOf: null,
          decidedAt: dto.decidedAt,
          awardedMinor: dto.awardedMinor,
          fundPaymentOrdered: dto.fundPaymentOrdered,
          createdBy: user.sub,
        });
        return this.respond(em, claim);
      });
    } catch (err) {
      if (
        isUniqueViolation(err, 'court_decisions_key_uq') ||
        isUniqueViolation(err, 'court_decisions_claim_number_uq')
      ) {
        throw claimsErrors.error(
          'duplicate-court-decision',
          'This court decision (same court and decision number) is already recorded on the claim',
          [{ field: 'decisionNumber', message: 'is already recorded for this court on the claim' }],
        );
      }
      if (isUniqueViolation(err, 'court_decisions_superseded_once')) {
        throw claimsErrors.error('decision-already-superseded', 'That decision is already superseded', [
          { field: 'supersedesDecisionId', message: 'is already superseded' },
        ]);
      }
      throw err;
    }
  }

  /**
   * A second person confirms a court decision: a `fund_approver` who did not record it (`422
   * recorder-cannot-confirm`; also refused by a trigger). Only then does it count in the claim's
   * figures. A repeat by the same approver is a replay; a decision confirmed by someone else is `409`.
   */
  // @clause a court decision counts only once a second person confirmed it
  async confirmCourtDecision(
    user: Principal,
    claimId: string,
    decisionId: string,
  ): Promise<{ claim: ClaimResponse; replayed: boolean }> {
    try {
      return await this.uow.run(async (tx) => {
        const em = tx.em;
        const claim = await this.lockExisting(em, claimId);
        const decision = await this.claims.findDecision(em, claimId, decisionId);
        if (!decision || decision.duplicateOf !== null)
          throw claimsErrors.error('not-found', 'No such court decision on this claim');
        if (decision.createdBy === user.sub)
          throw claimsErrors.error(
            'recorder-cannot-confirm',
            'The person who recorded a court decision cannot confirm it',
          );
        const earlier = await this.claims.confirmationOf(em, decisionId);
        if (earlier) {
          if (earlier.confirmedBy === user.sub)
            return { claim: await this.respond(em, claim), replayed: true };
          throw claimsErrors.error(
            'decision-already-confirmed',
            'This court decision is already confirmed by someone else',
          );
        }
        await this.claims.insertConfirmation(em, { decisionId, confirmedBy: user.sub });
        await this.publishFigures(tx, claimId, claim.victimRef, 'decision_confirmed');
        this.logger.info({ claimId, decisionId, by: user.sub }, 'court decision confirmed');
        return { claim: await this.respond(em, claim), replayed: false };
      });
    } catch (err) {
      if (isCheckViolation(err, 'court_decision_confirmations_second_person')) {
        throw claimsErrors.error(
          'recorder-cannot-confirm',
          'The person who recorded a court decision cannot confirm it',
        );
      }
      throw err;
    }
  }

  /** R-3.8: money recovered from the traffickers' property lowers what the Fund may pay. */
  async addRecovery(user: Principal, claimId: string, dto: CreateRecoveryDto): Promise<ClaimResponse> {
    try {
      return await this.uow.run(async (tx) => {
        const claim = await this.lockExisting(tx.em, claimId);
        await this.claims.insertRecovery(tx.em, {
          id: randomUUID(),
          claimId,
          amountMinor: dto.amountMinor,
          reference: dto.reference,
          createdBy: user.sub,
        });
        await this.publishFigures(tx, claimId, claim.victimRef, 'recovery_recorded');
        return this.respond(tx.em, claim);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'recoveries_claim_reference_uq')) {
        throw claimsErrors.error(
          'recovery-exists',
          'A recovery with this reference is already recorded on the claim',
        );
      }
      throw err;
    }
  }

  /**
   * For payouts: locks the claim (inside the caller's transaction) and returns what the Fund may
   * still pay on it. Callers check their amount against `fundPayableMinor` while holding the lock.
   * `excludePendingMinor` leaves out a pending payout's own amount (when that payout is being approved).
   */
  async lockForFundPayment(
    em: EntityManager,
    claimId: string,
    excludePendingMinor = 0,
  ): Promise<{ claim: Claim; summary: ClaimSummary }> {
    const claim = await this.lockExisting(em, claimId);
    const figures = await this.claims.figures(em, claimId);
    figures.pendingByFundMinor -= excludePendingMinor;
    return { claim, summary: summariseClaim(figures) };
  }

  /**
   * `compensation.claim.changed` in the transaction of the change (the claim is locked): the sums
   * awarded by confirmed decisions in force and recovered, for the annual report. No case
   * number, court, decision number or reference leaves the service.
   */
  private async publishFigures(
    tx: Transaction,
    claimId: string,
    victimRef: string,
    change: ClaimChange,
  ): Promise<void> {
    const f = await this.claims.figures(tx.em, claimId);
    tx.publish(
      ClaimChanged,
      {
        claimId,
        victimRef,
        change,
        revision: await this.claims.revision(tx.em, claimId),
        awardedMinor: f.awardedMinor,
        recoveredMinor: f.recoveredMinor,
        fundPaymentOrdered: f.awardedFundOrderedMinor > 0,
        currency: 'AZN',
      },
      { aggregateId: claimId },
    );
  }

  private async lockExisting(em: EntityManager, id: string): Promise<Claim> {
    const claim = await this.claims.lock(em, id);
    if (!claim) throw claimsErrors.error('not-found', 'No such claim');
    return claim;
  }

  private async respond(em: EntityManager, claim: Claim): Promise<ClaimResponse> {
    const [figures, decisions, recoveries] = [
      await this.claims.figures(em, claim.id),
      await this.claims.decisions(em, claim.id),
      await this.claims.recoveries(em, claim.id),
    ];
    return ClaimResponse.from(claim, summariseClaim(figures), decisions, recoveries);
  }
}
