import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { commonErrors, LOGGER, type Principal } from '#shared';
import { isUniqueViolation } from '../common/pg-errors.js';
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
      await this.dataSource.transaction(async (em) => {
        await this.claims.insertClaim(em, {
          id,
          victimRef: dto.victimRef,
          caseNumber: dto.caseNumber,
          claimedMaterialMinor: dto.claimedMaterialMinor,
          claimedMoralMinor: dto.claimedMoralMinor,
          createdBy: user.sub,
        });
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
      throw commonErrors.error('validation-failed', 'Invalid fields: victimRef', [{ field: 'victimRef', message: 'give victimRef or caseNumber' }]);
    }
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const claims = await this.claims.search(em, filter, 100);
      const out: ClaimResponse[] = [];
      for (const c of claims) out.push(await this.respond(em, c));
      return out;
    });
  }

  /** a court decision with the amount awarded and whether the Fund is ordered to pay. */
  async addCourtDecision(user: Principal, claimId: string, dto: CreateCourtDecisionDto): Promise<ClaimResponse> {
    if (dto.decidedAt > new Date().toISOString().slice(0, 10)) {
      throw commonErrors.error('validation-failed', 'Invalid fields: decidedAt', [{ field: 'decidedAt', message: 'must not be in the future' }]);
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        const claim = await this.lockExisting(em, claimId);
        await this.claims.insertDecision(em, {
          id: randomUUID(),
          claimId,
          court: dto.court,
          decisionNumber: dto.decisionNumber,
          decidedAt: dto.decidedAt,
          awardedMinor: dto.awardedMinor,
          fundPaymentOrdered: dto.fundPaymentOrdered,
          createdBy: user.sub,
        });
        return this.respond(em, claim);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'court_decisions_claim_number_uq')) {
        throw claimsErrors.error('court-decision-exists', 'This court decision is already recorded on the claim');
      }
      throw err;
    }
  }

  /** R-3.8: money recovered from the traffickers' property lowers what the Fund may pay. */
  async addRecovery(user: Principal, claimId: string, dto: CreateRecoveryDto): Promise<ClaimResponse> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const claim = await this.lockExisting(em, claimId);
        await this.claims.insertRecovery(em, {
          id: randomUUID(),
          claimId,
          amountMinor: dto.amountMinor,
          reference: dto.reference,
          createdBy: user.sub,
        });
        return this.respond(em, claim);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'recoveries_claim_reference_uq')) {
        throw claimsErrors.error('recovery-exists', 'A recovery with this reference is already recorded on the claim');
      }
      throw err;
    }
  }

  /**
   * For payouts: locks the claim (inside the caller's transaction) and returns what the Fund may
   * still pay on it. Callers check their amount against `fundPayableMinor` while holding the lock.
   * `excludePendingMinor` leaves out a pending payout's own amount (when that payout is being approved).
   */
  async lockForFundPayment(em: EntityManager, claimId: string, excludePendingMinor = 0): Promise<{ claim: Claim; summary: ClaimSummary }> {
    const claim = await this.lockExisting(em, claimId);
    const figures = await this.claims.figures(em, claimId);
    figures.pendingByFundMinor -= excludePendingMinor;
    return { claim, summary: summariseClaim(figures) };
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
