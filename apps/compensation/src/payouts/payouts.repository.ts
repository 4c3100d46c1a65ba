import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  Payout,
  PayoutChangeDecision,
  PayoutChangeRequest,
  PayoutTransition,
  type ChangeDecision,
} from './payout.entity.js';
import type { ChangeRequestKind, PayoutStatus } from './payout-state.js';

/** A change request with its decision, if any. */
export interface ChangeRequestRecord {
  request: PayoutChangeRequest;
  decision: PayoutChangeDecision | null;
}

/** Columns a transition may set besides the status. */
export type PayoutChanges = Partial<
  Pick<
    Payout,
    | 'approvedBy'
    | 'approvedAt'
    | 'batchId'
    | 'bankReference'
    | 'failureReason'
    | 'receiptNumber'
    | 'identityDocumentEnc'
  >
>;

/** Queries of payouts and their state history. */
@Injectable()
export class PayoutsRepository {
  find(em: EntityManager, id: string): Promise<Payout | null> {
    return em.getRepository(Payout).findOneBy({ id });
  }

  /** Locks one payout row until the transaction ends: every state change of a payout goes through here. */
  lock(em: EntityManager, id: string): Promise<Payout | null> {
    return em
      .getRepository(Payout)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
  }

  /** Locks several payouts in id order (a fixed order, so two batches cannot deadlock). */
  lockMany(em: EntityManager, ids: string[]): Promise<Payout[]> {
    return em
      .getRepository(Payout)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id IN (:...ids)', { ids })
      .orderBy('p.id')
      .getMany();
  }

  findByIdempotencyKey(em: EntityManager, createdBy: string, key: string): Promise<Payout | null> {
    return em.getRepository(Payout).findOneBy({ createdBy, idempotencyKey: key });
  }

  async insert(em: EntityManager, p: Omit<Payout, 'createdAt' | 'updatedAt' | 'currency'>): Promise<void> {
    await em.getRepository(Payout).insert({ ...p, currency: 'AZN', updatedAt: new Date() });
  }

  /**
   * Compare-and-set of the status: changes the row only if it is still in one of `from`. Returns
   * whether it changed. Used under the row lock too, as a second guard against a double effect.
   */
  async compareAndSet(
    em: EntityManager,
    id: string,
    from: PayoutStatus[],
    to: PayoutStatus,
    changes: PayoutChanges,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(Payout)
      .set({ ...changes, status: to, updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
    return result.affected === 1;
  }

  async addTransition(
    em: EntityManager,
    t: { payoutId: string; from: PayoutStatus | null; to: PayoutStatus; actor: string; note?: string },
  ): Promise<void> {
    await em.getRepository(PayoutTransition).insert({
      payoutId: t.payoutId,
      fromStatus: t.from,
      toStatus: t.to,
      actor: t.actor,
      note: t.note ?? null,
      at: new Date(),
    });
  }

  history(em: EntityManager, payoutId: string): Promise<PayoutTransition[]> {
    return em.getRepository(PayoutTransition).find({ where: { payoutId }, order: { id: 'ASC' } });
  }

  historyOf(em: EntityManager, payoutIds: string[]): Promise<PayoutTransition[]> {
    if (payoutIds.length === 0) return Promise.resolve([]);
    return em
      .getRepository(PayoutTransition)
      .find({ where: { payoutId: In(payoutIds) }, order: { id: 'ASC' } });
  }

  list(em: EntityManager, filter: { claimId?: string; batchId?: string }, limit: number): Promise<Payout[]> {
    const where: Record<string, string> = {};
    if (filter.claimId) where.claimId = filter.claimId;
    if (filter.batchId) where.batchId = filter.batchId;
    return em.getRepository(Payout).find({ where, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  async insertRequest(
    em: EntityManager,
    r: { id: string; payoutId: string; kind: ChangeRequestKind; reason: string; requestedBy: string },
  ): Promise<void> {
    await em.getRepository(PayoutChangeRequest).insert({ ...r, requestedAt: new Date() });
  }

  async insertDecision(
    em: EntityManager,
    d: { requestId: string; decision: ChangeDecision; decidedBy: string; note?: string },
  ): Promise<void> {
    await em
      .getRepository(PayoutChangeDecision)
      .insert({ ...d, note: d.note ?? null, decidedAt: new Date() });
  }

  /** The payout's request that has no decision yet (at most one: requests are serialised by the payout lock). */
  async openRequest(em: EntityManager, payoutId: string): Promise<PayoutChangeRequest | null> {
    const [row] = await em.query<{ id: string }[]>(
      `SELECT r.id FROM "compensation".payout_change_requests r
        WHERE r.payout_id = $1 AND NOT EXISTS (SELECT 1 FROM "compensation".payout_change_decisions d WHERE d.request_id = r.id)
        ORDER BY r.requested_at DESC LIMIT 1`,
      [payoutId],
    );
    return row ? em.getRepository(PayoutChangeRequest).findOneBy({ id: row.id }) : null;
  }

  /** The payout's most recent request of a kind, with its decision. */
  async lastRequest(
    em: EntityManager,
    payoutId: string,
    kind: ChangeRequestKind,
  ): Promise<ChangeRequestRecord | null> {
    const request = await em
      .getRepository(PayoutChangeRequest)
      .findOne({ where: { payoutId, kind }, order: { requestedAt: 'DESC' } });
    if (!request) return null;
    return {
      request,
      decision: await em.getRepository(PayoutChangeDecision).findOneBy({ requestId: request.id }),
    };
  }

  /** Every change request of these payouts, oldest first, with its decision. */
  async requestsOf(em: EntityManager, payoutIds: string[]): Promise<ChangeRequestRecord[]> {
    if (payoutIds.length === 0) return [];
    const requests = await em
      .getRepository(PayoutChangeRequest)
      .find({ where: { payoutId: In(payoutIds) }, order: { requestedAt: 'ASC' } });
    if (requests.length === 0) return [];
    const decisions = await em
      .getRepository(PayoutChangeDecision)
      .find({ where: { requestId: In(requests.map((r) => r.id)) } });
    const byRequest = new Map(decisions.map((d) => [d.requestId, d]));
    return requests.map((request) => ({ request, decision: byRequest.get(request.id) ?? null }));
  }
}
