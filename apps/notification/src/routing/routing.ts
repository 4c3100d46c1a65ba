/** Organisation codes of the public contract (docs/architecture.md) that receive notifications by rule. */
export const SPECIAL_POLICE_UNIT = 'MIA-SPU';
export const NATIONAL_COORDINATOR = 'NC';
export const ASSISTANCE_FUND = 'FUND';

/** What the router needs besides the event. */
export interface RoutingOptions {
  /** Organisations whose recipients are told about failed deliveries (operators). */
  operatorOrgs: readonly string[];
}

const SPU_EVENTS = new Set([
  'referral.reported',
  'referral.handover.requested',
  'referral.handed_over',
  'referral.deadline.approaching',
  'referral.deadline.breached',
]);

/**
 * The duty channel's alerts: sent first when a dispatcher has a choice, told to the
 * operators early when they keep failing, and kept waiting for a recipient until the referral is
 * handed over.
 */
export const DUTY_ALERT_TYPES: readonly string[] = [
  'referral.reported',
  'referral.handover.requested',
  'referral.deadline.approaching',
  'referral.deadline.breached',
];

/** Whether an event is one of the duty channel's alerts. */
export function isDutyAlert(eventType: string): boolean {
  return DUTY_ALERT_TYPES.includes(eventType);
}

const FUND_EVENTS = new Set([
  'compensation.payout.requested',
  'compensation.payout.approved',
  'compensation.payout.settled',
  'compensation.payout.failed',
]);

/**
 * The organisations (or facilities) that must be told about an event; recipients are then looked up
 * by org. Pure, so the rules are unit-tested on their own. An event type that concerns nobody
 * returns no org and is only recorded as processed.
 */
// @clause reports, handover steps and deadline warnings go to the special police unit's duty channel
export function routeEvent(
  type: string,
  data: Readonly<Record<string, unknown>>,
  opts: RoutingOptions,
): string[] {
  const orgs: string[] = [];
  // the special police unit is informed immediately of every report and of every step of
  // the handover: the 24-hour deadline warnings go to its duty channel too.
  if (SPU_EVENTS.has(type)) orgs.push(SPECIAL_POLICE_UNIT);
  // a breached deadline is also escalated to the National Coordinator.
  if (type === 'referral.deadline.breached') orgs.push(NATIONAL_COORDINATOR);
  // The admission message goes to the facility holding the bed (its code is its staff's org).
  if (type === 'shelter.admission.requested') pushString(orgs, data.facilityCode);
  // The referring agency learns that the victim waits for a place.
  if (type === 'shelter.waitlisted') pushString(orgs, data.referringOrg);
  // The Assistance Fund follows every payout step.
  if (FUND_EVENTS.has(type)) orgs.push(ASSISTANCE_FUND);
  if (type === 'notification.delivery.failed') orgs.push(...opts.operatorOrgs);
  return [...new Set(orgs)];
}

function pushString(orgs: string[], value: unknown): void {
  if (typeof value === 'string' && value.length > 0) orgs.push(value);
}

/**
 * Whether a delivery that failed for good raises `notification.delivery.failed`. Never for a
 * notification about a failed delivery: that would loop when the operators' channel is down too.
 */
export function raisesDeliveryFailed(eventType: string): boolean {
  return eventType !== 'notification.delivery.failed';
}
