/** What the read model knows of one victim whose referral falls in the report's year. */
export interface VictimFact {
  victimRef: string;
  kind: string;
  identifiedAt: Date;
  sex: string;
  ageBand: string;
  age: number | null;
  child: boolean;
  citizenship: string | null;
  exploitation: string[] | null;
  region: string;
  reportingBodyKind: string | null;
  identificationOutcome: string | null;
  handedOverAt: Date | null;
  handoverLate: boolean | null;
  deadlineBreached: boolean;
  safetyRiskLevel: string | null;
  returnStatus: string | null;
}

export interface PlacementFact {
  victimRef: string;
  admittedAt: Date | null;
  dischargedAt: Date | null;
  declinedAt: Date | null;
}

export interface ServiceRequestFact {
  victimRef: string;
  service: string | null;
  status: string;
}

export interface PayoutFact {
  victimRef: string;
  amountMinor: number;
  method: string;
  status: string;
}

/** One measure of a rehabilitation plan, as of the plan's latest version. */
export interface PlanMeasureFact {
  victimRef: string;
  domain: string;
  status: string;
}

/** One enrolment in a labour-market training programme, at its latest status. */
export interface EnrolmentFact {
  victimRef: string;
  leadMinistry: string;
  status: string;
}

/** One claim's sums, as of its highest revision. */
export interface ClaimFact {
  victimRef: string;
  awardedMinor: number;
  recoveredMinor: number;
}

/** Everything one year's report is built from. */
export interface YearFacts {
  year: number;
  /** When the facts were read: open placements count their nights up to here. */
  asOf: Date;
  victims: VictimFact[];
  placements: PlacementFact[];
  serviceRequests: ServiceRequestFact[];
  payouts: PayoutFact[];
  planMeasures: PlanMeasureFact[];
  enrolments: EnrolmentFact[];
  claims: ClaimFact[];
}

/** `AZ`, `foreign` or `unknown` (no citizenship known: a version 1 report). */
export function citizenshipCategory(citizenship: string | null): 'AZ' | 'foreign' | 'unknown' {
  if (!citizenship) return 'unknown';
  return citizenship === 'AZ' ? 'AZ' : 'foreign';
}

const DAY_MS = 86_400_000;

/** Nights between admission and discharge (or `asOf` while still in care), counted by calendar day (UTC). */
export function nightsOf(p: PlacementFact, asOf: Date): number {
  if (!p.admittedAt) return 0;
  const end = p.dischargedAt ?? asOf;
  const day = (d: Date) => Math.floor(d.getTime() / DAY_MS);
  return Math.max(0, day(end) - day(p.admittedAt));
}

/** Hours from identification to the completed handover (R-4.2: at most 24). */
export function handoverHours(v: VictimFact): number | null {
  if (!v.handedOverAt) return null;
  return (v.handedOverAt.getTime() - v.identifiedAt.getTime()) / 3_600_000;
}

/**
 * How a victim's award stands (R-3.8): recovered from the traffickers' property, paid by the Fund, and
 * outstanding, which add up to the award. What the Fund paid is never less than itself: where more
 * was paid than the read model knows to be awarded (a claim opened before its events carried sums),
 * the payments count as awarded; a recovery counts up to what the payments leave of the award.
 */
export function awardStanding(awardedMinor: number, recoveredMinor: number, paidMinor: number) {
  const awarded = Math.max(awardedMinor, paidMinor);
  const recovered = Math.min(recoveredMinor, awarded - paidMinor);
  return { awarded, recovered, paid: paidMinor, outstanding: awarded - recovered - paidMinor };
}
