import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { toNumber } from '../common/bigint.transformer.js';
import type { ClaimFigures } from './claim-figures.js';
import { Claim } from './claim.entity.js';
import { CourtDecision, CourtDecisionConfirmation } from './court-decision.entity.js';
import { decisionsInForce } from './court-decision-rules.js';

/** A court decision with its confirmation, if any. */
export interface RecordedDecision {
  decision: CourtDecision;
  confirmation: CourtDecisionConfirmation | null;
}
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
    return em
      .getRepository(Claim)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** Claims matching the filter, oldest first, at most `limit`. */
  search(
    em: EntityManager,
    filter: { victimRef?: string; caseNumber?: string },
    limit: number,
  ): Promise<Claim[]> {
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

  /** The claim's decisions, oldest first, each with its confirmation. */
  async decisions(em: EntityManager, claimId: string): Promise<RecordedDecision[]> {
    const decisions = await em
      .getRepository(CourtDecision)
      .find({ where: { claimId }, order: { decidedAt: 'ASC', createdAt: 'ASC' } });
    if (decisions.length === 0) return [];
    const confirmations = await em
      .getRepository(CourtDecisionConfirmation)
      .find({ where: { decisionId: In(decisions.map((d) => d.id)) } });
    const byDecision = new Map(confirmations.map((c) => [c.decisionId, c]));
    return decisions.map((decision) => ({ decision, confirmation: byDecision.get(decision.id) ?? null }));
  }

  findDecision(em: EntityManager, claimId: string, id: string): Promise<CourtDecision | null> {
    return em.getRepository(CourtDecision).findOneBy({ id, claimId });
  }

  confirmationOf(em: EntityManager, decisionId: string): Promise<CourtDecisionConfirmation | null> {
    return em.getRepository(CourtDecisionConfirmation).findOneBy({ decisionId });
  }

  /** The decision that replaces this one, if any. */
  supersederOf(em: EntityManager, decisionId: string): Promise<CourtDecision | null> {
    return em.getRepository(CourtDecision).findOneBy({ supersedesDecisionId: decisionId });
  }

  async insertConfirmation(em: EntityManager, c: { decisionId: string; confirmedBy: string }): Promise<void> {
    await em.getRepository(CourtDecisionConfirmation).insert({ ...c, confirmedAt: new Date() });
  }

  recoveries(em: EntityManager, claimId: string): Promise<Recovery[]> {
    return em.getRepository(Recovery).find({ where: { claimId }, order: { createdAt: 'ASC' } });
  }

  /**
   * How many times the claim's figures changed: confirmations and recoveries are insert-only, so the
   * count grows by one with each change (read under the claim's lock).
   */
  async revision(em: EntityManager, claimId: string): Promise<number> {
    const [row] = await em.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM "compensation".court_decision_confirmations c
                 JOIN "compensation".court_decisions d ON d.id = c.decision_id WHERE d.claim_id = $1)::int
            + (SELECT count(*) FROM "compensation".recoveries WHERE claim_id = $1)::int AS n`,
      [claimId],
    );
    return row.n;
  }

  /**
   * The sums a claim's figures are made of. Awards count only from the decisions in force (the
   * latest confirmed of each chain; re-typed legacy duplicates never). Callers read under the
   * claim's lock or in one REPEATABLE READ snapshot.
   */
  async figures(em: EntityManager, claimId: string): Promise<ClaimFigures> {
    const inForce = decisionsInForce(
      (await this.decisions(em, claimId))
        .filter((r) => r.decision.duplicateOf === null)
        .map((r) => ({
          ...r.decision,
          supersedesId: r.decision.supersedesDecisionId,
          confirmed: r.confirmation !== null,
        })),
    );
    const [row] = await em.query<Record<string, string>[]>(
      `SELECT
         (SELECT coalesce(sum(amount_minor), 0) FROM "compensation".recoveries WHERE claim_id = $1) AS recovered,
         (SELECT coalesce(sum(amount_minor), 0) FROM "compensation".payouts
           WHERE claim_id = $1 AND status = ANY($2::text[])) AS paid,
         (SELECT coalesce(sum(amount_minor), 0) FROM "compensation".payouts
           WHERE claim_id = $1 AND status = ANY($3::text[])) AS pending`,
      [claimId, PAID_STATUSES, PENDING_STATUSES],
    );
    return {
      decisions: inForce.length,
      awardedMinor: inForce.reduce((s, d) => s + d.awardedMinor, 0),
      awardedFundOrderedMinor: inForce
        .filter((d) => d.fundPaymentOrdered)
        .reduce((s, d) => s + d.awardedMinor, 0),
      recoveredMinor: toNumber(row.recovered),
      paidByFundMinor: toNumber(row.paid),
      pendingByFundMinor: toNumber(row.pending),
    };
  }
}
