import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ShelterPlanChanged, UnitOfWork, type FieldProblem, type Principal, type Transaction } from '#shared';
import { VictimConsentsRepository } from '../consent/victim-consents.repository.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import type { Facility } from '../facilities/facility.entity.js';
import type { CreatePlanDto, PlanItemDto } from './dto/create-plan.dto.js';
import type { ListPlansQuery } from './dto/list-plans.query.js';
import type { PlanResponse, PlanRevisionResponse } from './dto/plan.response.js';
import type { UpdatePlanDto } from './dto/update-plan.dto.js';
import type { ItemStatus, PlanItem } from './plan-item.entity.js';
import { toPlanResponse, toPlanRevisionResponse, today } from './plan.mapper.js';
import type { Plan } from './plan.entity.js';
import { applyItemChange, checkAgreement, isValidResponsible } from './plan-rules.js';
import { planErrors } from './plans.errors.js';
import { PlansRepository } from './plans.repository.js';

/**
 * Individual rehabilitation and reintegration plans, fitted to each victim, with
 * items in the domains of carried out by agencies or NGOs, never against the
 * victim's will. Every change is kept as a revision.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: PlansRepository,
    private readonly facilities: FacilitiesService,
    private readonly consents: VictimConsentsRepository,
  ) {}

  // @clause one individual plan per victim, kept by an assistance centre
  async create(dto: CreatePlanDto, user: Principal): Promise<PlanResponse> {
    const centre = await this.centreOf(user);
    validateItems(dto.items, 'items');
    const planId = randomUUID();
    await this.uow.run(async (tx) => {
      // A plan at all is a rehabilitation measure: only at the victim's request.
      await this.assertRehabilitationConsent(tx, dto.victimRef);
      const inserted = await this.plans.insertPlan(tx.em, {
        id: planId,
        facilityId: centre.id,
        victimRef: dto.victimRef,
        reviewDueOn: dto.reviewDueOn,
        createdBy: user.sub,
      });
      // one individual plan per victim at an assistance centre.
      if (!inserted)
        throw planErrors.error(
          'plan-exists',
          'This victim already has a plan at your assistance centre; change it instead',
        );
      await this.plans.insertItems(
        tx.em,
        dto.items.map((item, i) => newItem(planId, i, item)),
      );
      await this.writeRevision(tx, planId, 1, user.sub);
    });
    return this.get(planId, user);
  }

  async get(id: string, user: Principal): Promise<PlanResponse> {
    const plan = await this.requireOwn(id, user);
    return toPlanResponse(plan, await this.plans.items(id));
  }

  async list(query: ListPlansQuery, user: Principal): Promise<PlanResponse[]> {
    const centre = await this.centreOf(user);
    const plans = await this.plans.list(centre.id, {
      victimRef: query.victimRef,
      reviewOverdue: query.reviewOverdue,
      today: today(),
    });
    const items = await this.plans.itemsOf(plans.map((p) => p.id));
    return plans.map((p) => toPlanResponse(p, items.get(p.id) ?? []));
  }

  // @clause the plan is fitted to the victim over time; every change is kept as a revision
  async update(id: string, dto: UpdatePlanDto, user: Principal): Promise<PlanResponse> {
    await this.requireOwn(id, user);
    validateItems(dto.addItems ?? [], 'addItems');
    dto.items?.forEach((change, i) => {
      if (change.responsible && !isValidResponsible(change.responsible.kind, change.responsible.org)) {
        throw invalidResponsible(`items[${i}].responsible.org`);
      }
    });
    await this.uow.run(async (tx) => {
      const plan = (await this.plans.lockPlan(tx.em, id))!;
      if (dto.version !== undefined && dto.version !== plan.version) {
        throw planErrors.error('stale-version', `The plan is at version ${plan.version}, not ${dto.version}`);
      }
      const changesContent = dto.items?.length || dto.addItems?.length || dto.reviewDueOn !== undefined;
      if (plan.status === 'closed' && dto.status !== 'active' && changesContent) {
        throw planErrors.error('illegal-transition', 'A closed plan cannot be changed; reopen it first');
      }
      const items = await this.plans.items(id, tx.em);
      for (const [i, change] of (dto.items ?? []).entries()) {
        const item = items.find((it) => it.id === change.id);
        if (!item) {
          throw planErrors.error('validation-failed', `Invalid fields: items[${i}].id`, [
            { field: `items[${i}].id`, message: 'is not an item of this plan' },
          ]);
        }
        const next = applyItemChange(item, {
          status: change.status,
          victimAgreement: change.victimAgreement,
        });
        // no rehabilitation measure against the victim's will.
        const violation = checkAgreement(next);
        if (violation) throw planErrors.error(violation.code, violation.detail);
        if (change.status !== undefined && isApplied(change.status) && change.status !== item.status) {
          await this.assertRehabilitationConsent(tx, plan.victimRef);
        }
        await this.plans.updateItem(tx.em, item.id, {
          ...(change.domain !== undefined ? { domain: change.domain } : {}),
          ...(change.goal !== undefined ? { goal: change.goal } : {}),
          ...(change.actions !== undefined ? { actions: change.actions } : {}),
          ...(change.responsible
            ? { responsibleKind: change.responsible.kind, responsibleOrg: change.responsible.org }
            : {}),
          ...(change.dueOn !== undefined ? { dueOn: change.dueOn } : {}),
          status: next.status,
          victimAgreement: next.victimAgreement,
        });
      }
      if ((dto.addItems ?? []).some((i) => isApplied(i.status ?? 'proposed'))) {
        await this.assertRehabilitationConsent(tx, plan.victimRef);
      }
      const start = items.reduce((max, it) => Math.max(max, it.position + 1), 0);
      await this.plans.insertItems(
        tx.em,
        (dto.addItems ?? []).map((item, i) => newItem(id, start + i, item)),
      );
      const version = plan.version + 1;
      await this.plans.updatePlan(tx.em, id, {
        version,
        ...(dto.reviewDueOn !== undefined ? { reviewDueOn: dto.reviewDueOn } : {}),
        ...(dto.status !== undefined ? { status: dto.status } : {}),
      });
      await this.writeRevision(tx, id, version, user.sub);
    });
    return this.get(id, user);
  }

  async revisions(id: string, user: Principal): Promise<PlanRevisionResponse[]> {
    await this.requireOwn(id, user);
    return (await this.plans.revisions(id)).map(toPlanRevisionResponse);
  }

  /**
   * the victim withdrew consent to rehabilitation, so no measure may go on against their will.
   * In every active plan of the victim, measures under way are cancelled and the victim's agreement
   * to every unfinished item is recorded as declined; each plan gets a revision saying so.
   */
  // @clause a withdrawal of consent to rehabilitation stops every measure
  async onRehabilitationConsentWithdrawn(victimRef: string, tx: Transaction): Promise<void> {
    for (const plan of await this.plans.lockActivePlansOfVictim(tx.em, victimRef)) {
      await this.plans.declineUnfinishedItems(tx.em, plan.id);
      const version = plan.version + 1;
      await this.plans.updatePlan(tx.em, plan.id, { version });
      await this.writeRevision(tx, plan.id, version, 'system:consent-withdrawn');
    }
  }

  /**
   * a plan is made, and a measure started, only while the victim's latest decision on
   * rehabilitation known from the referral service is a consent given (none known: not given),
   * whatever agreement is recorded on the item.
   */
  private async assertRehabilitationConsent(tx: Transaction, victimRef: string): Promise<void> {
    // @clause rehabilitation only at the victim's request: their current consent to rehabilitation must be granted
    if ((await this.consents.grantedAt(tx.em, victimRef, 'rehabilitation')) === null) {
      throw planErrors.error(
        'consent-required',
        "Rehabilitation needs the victim's current consent to rehabilitation, recorded in the referral service",
      );
    }
  }

  /**
   * Appends the plan as it now is to its history (append-only; the primary key refuses a second
   * writer of the same revision) and publishes it, in the same transaction, as `shelter.plan.changed`:
   * each measure's domain and status only, never its goal or actions, for the annual report.
   */
  private async writeRevision(
    tx: Transaction,
    planId: string,
    revision: number,
    changedBy: string,
  ): Promise<void> {
    const plan = (await this.plans.findPlan(planId, tx.em))!;
    const items = await this.plans.items(planId, tx.em);
    const snapshot = toPlanResponse(plan, items);
    await this.plans.insertRevision(tx.em, { planId, revision, changedBy, snapshot: { ...snapshot } });
    tx.publish(
      ShelterPlanChanged,
      {
        planId,
        victimRef: plan.victimRef,
        version: revision,
        status: plan.status,
        measures: items.map((i) => ({ itemId: i.id, domain: i.domain, status: i.status })),
      },
      { aggregateId: planId },
    );
  }

  /** plans are kept by assistance centres; the caller's organisation must be one. */
  private async centreOf(user: Principal): Promise<Facility> {
    const facility = await this.facilities.facilityOfStaff(user);
    if (facility.kind !== 'assistance_centre') {
      throw planErrors.error('forbidden', 'Individual plans are kept by assistance centres');
    }
    return facility;
  }

  private async requireOwn(id: string, user: Principal): Promise<Plan> {
    const centre = await this.centreOf(user);
    const plan = await this.plans.findPlan(id);
    if (!plan) throw planErrors.error('not-found', 'No such plan');
    if (plan.facilityId !== centre.id)
      throw planErrors.error('forbidden', "Staff see only their own centre's plans");
    return plan;
  }
}

/** Statuses that start or continue a measure. */
function isApplied(status: ItemStatus): boolean {
  return status === 'scheduled' || status === 'in_progress';
}

// @clause items only in the domains of rehabilitation the Rules name
function validateItems(items: PlanItemDto[], field: string): void {
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    if (!isValidResponsible(item.responsible.kind, item.responsible.org)) {
      problems.push({
        field: `${field}[${i}].responsible.org`,
        message: 'must be a state body code for an agency, or an NGO code',
      });
    }
  });
  if (problems.length)
    throw planErrors.error(
      'validation-failed',
      `Invalid fields: ${problems.map((p) => p.field).join(', ')}`,
      problems,
    );
  for (const item of items) {
    // an item may be applied only with the victim's agreement.
    const violation = checkAgreement({
      status: item.status ?? 'proposed',
      victimAgreement: item.victimAgreement ?? 'pending',
    });
    if (violation) throw planErrors.error(violation.code, violation.detail);
  }
}

function invalidResponsible(field: string) {
  return planErrors.error('validation-failed', `Invalid fields: ${field}`, [
    { field, message: 'must be a state body code for an agency, or an NGO code' },
  ]);
}

function newItem(planId: string, position: number, item: PlanItemDto): PlanItem {
  return Object.assign({} as PlanItem, {
    id: randomUUID(),
    planId,
    position,
    domain: item.domain,
    goal: item.goal,
    actions: item.actions,
    responsibleKind: item.responsible.kind,
    responsibleOrg: item.responsible.org,
    dueOn: item.dueOn ?? null,
    status: item.status ?? 'proposed',
    victimAgreement: item.victimAgreement ?? 'pending',
    updatedAt: new Date(),
  });
}
