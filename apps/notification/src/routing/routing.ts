// Organisation codes of the public contract that receive notifications by rule.
import {
  ASSISTANCE_FUND,
  MINISTRY_OF_FOREIGN_AFFAIRS,
  MINISTRY_OF_HEALTH,
  NATIONAL_COORDINATOR,
  SPECIAL_POLICE_UNIT,
  STATE_BORDER_SERVICE,
  STATE_MIGRATION_SERVICE,
} from '#shared';

/** Services a provider organisation gives and is told of (a shelter place is the shelter service's). */
const PROVIDED_SERVICES = new Set(['medical', 'psychological', 'legal_aid', 'rehabilitation']);

const SERVICE_ANSWERS = new Set([
  'service.request.accepted',
  'service.request.declined',
  'service.request.completed',
]);

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
  if (type === 'service.requested') orgs.push(...serviceProvider(data));
  // The requesting agency and the special police unit hear the provider's answer.
  if (SERVICE_ANSWERS.has(type)) {
    pushString(orgs, data.referringOrg);
    orgs.push(SPECIAL_POLICE_UNIT);
  }
  if (type === 'victim.return.changed') orgs.push(...returnAuthorities(data));
  return [...new Set(orgs)];
}

/**
 * The provider a service request is addressed to: the one named in the request, or, for medical aid,
 * the Ministry of Health. A shelter request is placed by the shelter service, not notified here.
 */
// @clause the provider of a service request is told: the Ministry of Health for medical aid unless another is named, the named assistance centre or legal-aid provider otherwise
function serviceProvider(data: Readonly<Record<string, unknown>>): string[] {
  if (typeof data.service !== 'string' || !PROVIDED_SERVICES.has(data.service)) return [];
  if (typeof data.providerOrg === 'string' && data.providerOrg.length > 0) return [data.providerOrg];
  return data.service === 'medical' ? [MINISTRY_OF_HEALTH] : [];
}

/** A foreign victim's return: the Foreign Ministry and the Migration Service, the Border Service once travel is arranged. */
// @clause every step of a return case goes to MFA and SMS, and to SBS once travel is arranged
function returnAuthorities(data: Readonly<Record<string, unknown>>): string[] {
  const orgs = [MINISTRY_OF_FOREIGN_AFFAIRS, STATE_MIGRATION_SERVICE];
  if (data.status === 'travel_arranged') orgs.push(STATE_BORDER_SERVICE);
  return orgs;
}

/** Variables that name where a victim stays or is served: a facility, an assistance centre, a provider. */
export const FACILITY_VARIABLES = ['facilityCode', 'providerOrg'] as const;

/**
 * The variables a recipient of `org` may see. While the victim's disclosure is restricted, only the
 * special police unit and the facility (or provider) itself learn which facility it is: for everyone
 * else the facility's code is left out of the message and the webhook's data.
 */
// @clause R-5 while disclosure is restricted, no message to anyone but the facility and the special police unit names the facility
export function discloseTo(
  org: string,
  variables: Readonly<Record<string, string>>,
  restricted: boolean,
): Record<string, string> {
  if (!restricted || org === SPECIAL_POLICE_UNIT) return { ...variables };
  const named = FACILITY_VARIABLES.map((k) => variables[k]).filter(Boolean);
  if (named.includes(org)) return { ...variables };
  const out = { ...variables };
  for (const k of FACILITY_VARIABLES) delete out[k];
  return out;
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
