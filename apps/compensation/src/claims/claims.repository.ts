import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toNumber } from '../common/bigint.transformer.js';
import type { ClaimFigures } from './claim-figures.js';
import { Claim } from './claim.entity.js';
import { CourtDecision } from './court-decision.entity.js';
import { Recovery } from './recovery.entity.js';
import { PAID_STATUSES, PENDING_STATUSES } from '../payouts/payout-state.js';

/** Queries of claims, court decisions and recoveries. */
@Injectable()
export class ClaimsRepository {
  async insertClaim(em: EntityManager, claim: Omit<Claim, 'createdAt' | 'currency'>): Promise<void> {
    await em.getRepository(Claim).insert({ ...claim, currency: 'AZN' });
  }

  find(em: EntityManager, id: string): Promise<Claim | null> {
    return em.getRepository(Claim).findOneBy({ id });
  }

  /**
   * Locks the claim row until the transaction ends. Everything that changes what the Fund may pay on
   * a claim (decisions, recoveries, payout creation and approval) takes this lock first, so the cap
   * check and the write that relies on it cannot interleave with another.
   */
  async lock(em: EntityManager, id: string): Promise<Claim | null> {
    return em.getRepository(Claim).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /** Claims matching the filter, oldest first, at most `limit`. */
  search(em: EntityManager, filter: { victimRef?: string; caseNumber?: string }, limit: number): Promise<Claim[]> {
    const where: Partial<Pick<Claim, 'victimRef' | 'caseNumber'>> = {};
    if (filter.victimRef) where.victimRef = filter.victimRef;
    if (filter.caseNumber) where.caseNumber = filter.caseNumber;
    return em.getRepository(Claim).find({ where, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  async insertDecision(em: EntityManager, d: Omit<CourtDecision, 'createdAt'>): Promise<CourtDecision> {
    await em.getRepository(CourtDecision).insert(d);
    return (await em.getRepository(CourtDecision).findOneBy({ id: d.id }))!;
  }

  async insertRecovery(em: EntityManager, r: Omit<Recovery, 'createdAt'>): Promise<Recovery> {
    await em.getRepository(Recovery).insert(r);
    return (await em.getRepository(Recovery).findOneBy({ id: r.id }))!;
  }

  decisions(em: EntityManager, claimId: string): Promise<CourtDecision[]> {
    return em.getRepository(CourtDecision).find({ where: { claimId }, order: { decidedAt: 'ASC', createdAt: 'ASC' } });
  }

  recoveries(em: EntityManager, claimId: string): Promise<Recovery[]> {
    return em.getRepository(Recovery).find({ where: { claimId }, order: { createdAt: 'ASC' } });
  }

  /** The sums a claim's figures are made of, in one statement (one snapshot). */
  async figures(em: EntityManager, claimId: string): Promise<ClaimFigures> {
    const [row] = await em.query<Record<string, string>[]>(
      `SELECT
         (SELECT count(*) FROM "compensation".court_decisions WHERE claim_id = $1) AS decisions,
         (SELECT coalesce(sum(awarded_minor), 0) FROM "compensation".court_decisions WHERE claim_id = $1) AS awarded,
         (SELECT coalesce(sum(awarded_minor), 0) FROM "compensation".court_decisions
           WHERE claim_id = $1 AND fund_payment_ordered) AS awarded_ordered,
         (SELECT coalesce(sum(amount_minor), 0) FROM "compensation".recoveries WHERE claim_id = $1) AS recovered,
         (SELECT coalesce(sum(amount_minor), 0) FROM "compensation".payouts
           WHERE claim_id = $1 AND status = ANY($2::text[])) AS paid,
         (SELECT coalesce(sum(amount_minor), 0) FROM "compensation".payouts
           WHERE claim_id = $1 AND status = ANY($3::text[])) AS pending`,
      [claimId, PAID_STATUSES, PENDING_STATUSES],
    );
    return {
      decisions: toNumber(row.decisions),
      awardedMinor: toNumber(row.awarded),
      awardedFundOrderedMinor: toNumber(row.awarded_ordered),
      recoveredMinor: toNumber(row.recovered),
      paidByFundMinor: toNumber(row.paid),
      pendingByFundMinor: toNumber(row.pending),
    };
  }
}
