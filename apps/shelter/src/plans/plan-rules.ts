import { STATE_BODY_CODES } from '#shared';
import type { Agreement, ItemStatus, ResponsibleKind } from './plan-item.entity.js';

/**
 * State bodies that may be responsible for a plan item (R-6.1: the Ministries of Internal Affairs,
 * Health, Labour and Social Protection, Education and the other bodies of the mechanism, R-2.2).
 */
export const AGENCY_CODES = STATE_BODY_CODES;

/** Statuses that mean a measure is being applied to the victim. */
const ACTIVE_STATUSES: readonly ItemStatus[] = ['scheduled', 'in_progress', 'done'];

/** The parts of an item the rules look at. */
export interface ItemState {
  status: ItemStatus;
  victimAgreement: Agreement;
}

export type RuleViolation = { code: 'consent-required'; detail: string } | undefined;

/**
 * no rehabilitation measure against the victim's will. An item may be scheduled, in progress
 * or done only with the victim's agreement; asking to apply it otherwise is refused.
 */
// @clause no rehabilitation measure against the victim's will
export function checkAgreement(item: ItemState): RuleViolation {
  if (ACTIVE_STATUSES.includes(item.status) && item.victimAgreement !== 'agreed') {
    return {
      code: 'consent-required',
      detail: `An item can be ${item.status} only with the victim's agreement (it is ${item.victimAgreement})`,
    };
  }
  return undefined;
}

/**
 * Applies a change to an item. When the victim withdraws agreement from a measure under way (and no
 * new status is asked for), the measure stops: it is cancelled.
 */
// @clause a withdrawn agreement cancels a measure under way
export function applyItemChange(current: ItemState, change: Partial<ItemState>): ItemState {
  const next: ItemState = {
    status: change.status ?? current.status,
    victimAgreement: change.victimAgreement ?? current.victimAgreement,
  };
  if (
    change.status === undefined &&
    next.victimAgreement !== 'agreed' &&
    (next.status === 'scheduled' || next.status === 'in_progress')
  ) {
    next.status = 'cancelled';
  }
  return next;
}

/** Whether an organisation may be responsible for an item: a known state body, or an NGO. */
// @clause a state body of the mechanism or an NGO is responsible for an item
export function isValidResponsible(kind: ResponsibleKind, org: string): boolean {
  if (kind === 'agency') return (AGENCY_CODES as readonly string[]).includes(org);
  return /^[A-Z0-9][A-Z0-9-]{1,39}$/.test(org) && !(AGENCY_CODES as readonly string[]).includes(org);
}
