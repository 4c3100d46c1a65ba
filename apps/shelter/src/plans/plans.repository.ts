import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PlanItem } from './plan-item.entity.js';
import { PlanRevision } from './plan-revision.entity.js';
import { Plan } from './plan.entity.js';

/** Queries of plans, their items and their revisions. */
@Injectable()
export class PlansRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a plan; false if the victim already has one at this centre (unique key, R-6.2). */
  async insertPlan(
    em: EntityManager,
    p: Pick<Plan, 'id' | 'facilityId' | 'victimRef' | 'reviewDueOn' | 'createdBy'>,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO "shelter".plans (id, facility_id, victim_ref, status, review_due_on, created_by)
       VALUES ($1, $2, $3, 'active', $4, $5)
       ON CONFLICT ON CONSTRAINT plans_one_per_victim_uq DO NOTHING RETURNING id`,
      [p.id, p.facilityId, p.victimRef, p.reviewDueOn, p.createdBy],
    );
    return rows.length > 0;
  }

  async insertItems(em: EntityManager, items: PlanItem[]): Promise<void> {
    if (items.length) await em.getRepository(PlanItem).insert(items);
  }

  lockPlan(em: EntityManager, id: string): Promise<Plan | null> {
    return em.getRepository(Plan).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The victim's active plans (at any centre), locked. */
  lockActivePlansOfVictim(em: EntityManager, victimRef: string): Promise<Plan[]> {
    return em.getRepository(Plan).find({
      where: { victimRef, status: 'active' },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Cancels measures under way and records the victim's refusal of every unfinished item. */
  async declineUnfinishedItems(em: EntityManager, planId: string): Promise<void> {
    await em.query(
      `UPDATE "shelter".plan_items
          SET status = CASE WHEN status IN ('scheduled', 'in_progress') THEN 'cancelled' ELSE status END,
              victim_agreement = 'declined', updated_at = now()
        WHERE plan_id = $1 AND status <> 'done'`,
      [planId],
    );
  }

  findPlan(id: string, em?: EntityManager): Promise<Plan | null> {
    return (em ?? this.dataSource.manager).getRepository(Plan).findOneBy({ id });
  }

  items(planId: string, em?: EntityManager): Promise<PlanItem[]> {
    return (em ?? this.dataSource.manager)
      .getRepository(PlanItem)
      .find({ where: { planId }, order: { position: 'ASC' } });
  }

  async itemsOf(planIds: string[]): Promise<Map<string, PlanItem[]>> {
    const map = new Map<string, PlanItem[]>();
    if (!planIds.length) return map;
    const rows = await this.dataSource
      .getRepository(PlanItem)
      .createQueryBuilder('i')
      .where('i.plan_id = ANY(:ids)', { ids: planIds })
      .orderBy('i.position', 'ASC')
      .getMany();
    for (const row of rows) map.set(row.planId, [...(map.get(row.planId) ?? []), row]);
    return map;
  }

  async updatePlan(em: EntityManager, id: string, changes: Partial<Plan>): Promise<void> {
    await em.getRepository(Plan).update({ id }, { ...changes, updatedAt: new Date() });
  }

  async updateItem(em: EntityManager, id: string, changes: Partial<PlanItem>): Promise<void> {
    await em.getRepository(PlanItem).update({ id }, { ...changes, updatedAt: new Date() });
  }

  async insertRevision(
    em: EntityManager,
    r: Pick<PlanRevision, 'planId' | 'revision' | 'changedBy' | 'snapshot'>,
  ): Promise<void> {
    await em.query(
      `INSERT INTO "shelter".plan_revisions (plan_id, revision, changed_by, snapshot) VALUES ($1, $2, $3, $4::jsonb)`,
      [r.planId, r.revision, r.changedBy, JSON.stringify(r.snapshot)],
    );
  }

  revisions(planId: string): Promise<PlanRevision[]> {
    return this.dataSource
      .getRepository(PlanRevision)
      .find({ where: { planId }, order: { revision: 'ASC' } });
  }

  /** Plans of one centre; with `reviewOverdue`, only active plans whose review date has passed. */
  list(
    facilityId: string,
    filter: { victimRef?: string; reviewOverdue?: boolean; today: string },
  ): Promise<Plan[]> {
    const qb = this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('p')
      .where('p.facility_id = :facilityId', { facilityId });
    if (filter.victimRef) qb.andWhere('p.victim_ref = :victimRef', { victimRef: filter.victimRef });
    if (filter.reviewOverdue === true)
      qb.andWhere(`p.status = 'active' AND p.review_due_on < :today`, { today: filter.today });
    if (filter.reviewOverdue === false)
      qb.andWhere(`NOT (p.status = 'active' AND p.review_due_on < :today)`, { today: filter.today });
    return qb.orderBy('p.review_due_on', 'ASC').addOrderBy('p.id', 'ASC').take(500).getMany();
  }
}
