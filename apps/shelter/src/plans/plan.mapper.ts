import { PlanItemResponse, PlanResponse, PlanRevisionResponse } from './dto/plan.response.js';
import type { PlanItem } from './plan-item.entity.js';
import type { PlanRevision } from './plan-revision.entity.js';
import type { Plan } from './plan.entity.js';

/** Today's date (UTC) as YYYY-MM-DD, for review-date comparisons. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function toPlanItemResponse(i: PlanItem): PlanItemResponse {
  return Object.assign(new PlanItemResponse(), {
    id: i.id,
    domain: i.domain,
    goal: i.goal,
    actions: i.actions,
    responsible: { kind: i.responsibleKind, org: i.responsibleOrg },
    dueOn: i.dueOn,
    status: i.status,
    victimAgreement: i.victimAgreement,
  });
}

export function toPlanResponse(plan: Plan, items: PlanItem[], now = new Date()): PlanResponse {
  return Object.assign(new PlanResponse(), {
    id: plan.id,
    facilityId: plan.facilityId,
    victimRef: plan.victimRef,
    status: plan.status,
    reviewDueOn: plan.reviewDueOn,
    reviewOverdue: plan.status === 'active' && plan.reviewDueOn < today(now),
    version: plan.version,
    items: items.map(toPlanItemResponse),
    createdAt: new Date(plan.createdAt).toISOString(),
    updatedAt: new Date(plan.updatedAt).toISOString(),
  });
}

/** A revision: who changed the plan, when, and the plan as it was after the change. */
export function toPlanRevisionResponse(r: PlanRevision): PlanRevisionResponse {
  return Object.assign(new PlanRevisionResponse(), {
    revision: r.revision,
    changedBy: r.changedBy,
    changedAt: new Date(r.changedAt).toISOString(),
    plan: r.snapshot as unknown as PlanResponse,
  });
}
