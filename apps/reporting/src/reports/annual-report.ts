import { AGE_BANDS, ENROLMENT_STATUSES, PLAN_DOMAINS, PLAN_ITEM_STATUSES, SEXES } from '#shared';
import {
  protect,
  published,
  type ProtectedCell,
  type ProtectedTable,
  type RawTable,
} from '../disclosure/disclosure.js';
import { crossTab } from './cross-tab.js';
import {
  awardStanding,
  citizenshipCategory,
  handoverHours,
  nightsOf,
  type VictimFact,
  type YearFacts,
} from './facts.js';

/** The six sections of the commission's annual report. Stored in URLs: never rename. */
export const SECTIONS = [
  'referrals',
  'handover',
  'shelter',
  'rehabilitation',
  'compensation',
  'return',
] as const;
export type SectionId = (typeof SECTIONS)[number];

/** How a table is presented: titles and the explanation printed beside it. */
interface TableMeta {
  title: string;
  explanation: string;
  rowLabel: string;
  colLabel?: string;
  /** `count` of victims or records, `nights`, or `AZN` (sums of money in minor units). */
  unit: 'victims' | 'placements' | 'requests' | 'measures' | 'enrolments' | 'nights' | 'qepik';
}

interface SectionSpec {
  id: SectionId;
  title: string;
  notes: string[];
  tables: { raw: RawTable; meta: TableMeta }[];
}

/** A published table: suppressed figures are `null`. */
export interface PublishedTable extends TableMeta {
  id: string;
  additive: boolean;
  columns: string[];
  rows: { label: string; values: (number | null)[]; total: number | null }[];
  /** Column totals and the grand total (additive tables only). */
  totals?: { values: (number | null)[]; total: number | null };
  suppressedCells: number;
}

export interface PublishedSection {
  id: SectionId;
  title: string;
  notes: string[];
  tables: PublishedTable[];
}

export interface AnnualReport {
  year: number;
  generatedAt: string;
  minCell: number;
  population: string;
  disclosure: string;
  sections: PublishedSection[];
}

const CHILD = ['child', 'adult'] as const;
const childOf = (v: { child: boolean }) => (v.child ? 'child' : 'adult');
const one = (v: { victimRef: string }) => ({ victimRef: v.victimRef, value: 1 });
const BODY_KINDS = [
  'commission_body',
  'special_police_unit',
  'ngo',
  'international',
  'coordinator',
  'fund',
  'unknown',
];

function durationBand(hours: number): string {
  if (hours < 6) return 'under 6 h';
  if (hours < 12) return '6-12 h';
  if (hours <= 24) return '12-24 h';
  return 'over 24 h';
}

function handoverOutcome(v: VictimFact): string {
  if (!v.handedOverAt) return v.deadlineBreached ? 'not_handed_over_breached' : 'pending';
  return v.handoverLate ? 'late' : 'on_time';
}

/** The tables of each section, from one year's facts, before disclosure control. */
export function buildSections(f: YearFacts): SectionSpec[] {
  const victims = f.victims;
  const byRef = new Map(victims.map((v) => [v.victimRef, v]));
  const ofVictim = <T extends { victimRef: string }>(rows: T[]) =>
    rows.filter((r) => byRef.has(r.victimRef)).map((r) => ({ ...r, v: byRef.get(r.victimRef)! }));
  const V = victims.map((v) => ({ ...one(v), v }));
  const foreign = V.filter((r) => citizenshipCategory(r.v.citizenship) === 'foreign');

  const exploitation = victims.flatMap((v) =>
    (v.exploitation ?? ['unknown']).map((form) => ({ ...one(v), v, form })),
  );
  const handedOver = V.filter((r) => r.v.handedOverAt);

  const placements = ofVictim(f.placements);
  const placedRefs = new Set(placements.filter((p) => p.admittedAt).map((p) => p.victimRef));
  const placed = V.filter((r) => placedRefs.has(r.victimRef));
  const nights = placed.map((r) => ({
    victimRef: r.victimRef,
    v: r.v,
    value: placements.filter((p) => p.victimRef === r.victimRef).reduce((s, p) => s + nightsOf(p, f.asOf), 0),
  }));
  const placementOutcome = (p: (typeof placements)[number]) =>
    p.dischargedAt ? 'discharged' : p.admittedAt ? 'in_care' : p.declinedAt ? 'declined' : 'offered';

  const requests = ofVictim(f.serviceRequests);
  const paid = ofVictim(f.payouts).filter((p) => p.status === 'settled' || p.status === 'disbursed');
  const paidRefs = new Set(paid.map((p) => p.victimRef));
  const amounts = paid.map((p) => ({
    victimRef: p.victimRef,
    v: p.v,
    method: p.method,
    value: p.amountMinor,
  }));

  const measures = ofVictim(f.planMeasures);
  const enrolments = ofVictim(f.enrolments);
  // Per victim: the award and how it stands (recovered, paid by the Fund, outstanding).
  const claimRefs = new Set(ofVictim(f.claims).map((c) => c.victimRef));
  const standing = [...new Set([...claimRefs, ...paidRefs])].map((ref) => {
    const claims = f.claims.filter((c) => c.victimRef === ref);
    const paidMinor = paid.filter((p) => p.victimRef === ref).reduce((sum, p) => sum + p.amountMinor, 0);
    return {
      victimRef: ref,
      v: byRef.get(ref)!,
      hasClaim: claimRefs.has(ref),
      ...awardStanding(
        claims.reduce((sum, c) => sum + c.awardedMinor, 0),
        claims.reduce((sum, c) => sum + c.recoveredMinor, 0),
        paidMinor,
      ),
    };
  });
  const PARTS = ['recovered', 'paid_by_fund', 'outstanding'] as const;
  const parts = standing.flatMap((s) =>
    PARTS.map((part) => ({
      victimRef: s.victimRef,
      v: s.v,
      part,
      value: part === 'recovered' ? s.recovered : part === 'paid_by_fund' ? s.paid : s.outstanding,
    })).filter((r) => r.value > 0),
  );
  const claimStanding = (s: (typeof standing)[number]) =>
    s.awarded === 0 ? 'awaiting_decision' : s.outstanding > 0 ? 'outstanding' : 'satisfied';

  const sexCols = { colDim: 'sex', cols: SEXES, col: (r: { v: VictimFact }) => r.v.sex };
  const childCols = { colDim: 'age', cols: CHILD, col: (r: { v: VictimFact }) => childOf(r.v) };
  const table = (raw: RawTable, meta: TableMeta) => ({ raw, meta });

  return [
    {
      id: 'referrals',
      title: 'Referrals and identification',
      notes: [
        'Each victim counts once, in the year the person was identified by the reporting body.',
        'Citizenship, forms of exploitation and the reporting body’s kind are known for referrals reported since the events carried them (referral.reported version 2); earlier ones are counted as unknown.',
      ],
      tables: [
        table(
          crossTab({
            id: 'referrals-by-kind',
            measure: 'victims',
            records: V,
            rowDim: 'kind',
            rows: ['presumed_victim', 'crime_detected'],
            row: (r) => r.v.kind,
          }),
          {
            title: 'Referrals by kind',
            explanation:
              'Presumed victims reported by the bodies of the commission and NGOs, and detected crimes (R-4.1).',
            rowLabel: 'kind',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'victims-by-age-and-sex',
            measure: 'victims',
            records: V,
            rowDim: 'ageBand',
            rows: AGE_BANDS,
            row: (r) => r.v.ageBand,
            ...sexCols,
          }),
          {
            title: 'Victims by age band and sex',
            explanation: 'Age at identification, in bands; no birth date leaves the referral service.',
            rowLabel: 'age band',
            colLabel: 'sex',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'victims-by-citizenship-and-age',
            measure: 'victims',
            records: V,
            rowDim: 'citizenship',
            rows: ['AZ', 'foreign', 'unknown'],
            row: (r) => citizenshipCategory(r.v.citizenship),
            ...childCols,
          }),
          {
            title: 'Victims by citizenship and age',
            explanation:
              'Citizens of Azerbaijan and foreign nationals, children (under 18, or of unknown age) and adults.',
            rowLabel: 'citizenship',
            colLabel: 'age',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'foreign-victims-by-country',
            measure: 'victims',
            records: foreign,
            base: { citizenship: 'foreign' },
            rowDim: 'country',
            rows: [],
            row: (r) => r.v.citizenship!,
          }),
          {
            title: 'Foreign victims by country of citizenship',
            explanation: 'ISO 3166-1 country codes; countries with few victims are suppressed.',
            rowLabel: 'country',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'exploitation-by-sex',
            measure: 'victims',
            records: exploitation,
            rowDim: 'exploitation',
            rows: [],
            row: (r) => r.form,
            ...sexCols,
            additive: false,
          }),
          {
            title: 'Forms of exploitation by sex',
            explanation:
              'A victim may have suffered several forms: rows do not add up to the number of victims, so no totals are shown.',
            rowLabel: 'form of exploitation',
            colLabel: 'sex',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'victims-by-region',
            measure: 'victims',
            records: V,
            rowDim: 'region',
            rows: [],
            row: (r) => r.v.region,
          }),
          {
            title: 'Victims by region of identification',
            explanation: 'Where the reporting body identified the person.',
            rowLabel: 'region',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'victims-by-reporting-body',
            measure: 'victims',
            records: V,
            rowDim: 'reportingBody',
            rows: BODY_KINDS,
            row: (r) => r.v.reportingBodyKind ?? 'unknown',
          }),
          {
            title: 'Referrals by kind of reporting body',
            explanation: 'Bodies of the commission (R-2.2), NGOs and international organisations.',
            rowLabel: 'reporting body',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'identification-by-sex',
            measure: 'victims',
            records: V,
            rowDim: 'identification',
            rows: ['identified_victim', 'not_a_victim', 'pending'],
            row: (r) => r.v.identificationOutcome ?? 'pending',
            ...sexCols,
          }),
          {
            title: 'Identification decisions by sex',
            explanation: 'Decisions of the special police unit; pending: no decision recorded yet.',
            rowLabel: 'decision',
            colLabel: 'sex',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'safety-risk',
            measure: 'victims',
            records: V,
            rowDim: 'risk',
            rows: ['low', 'medium', 'high', 'not_assessed'],
            row: (r) => r.v.safetyRiskLevel ?? 'not_assessed',
          }),
          {
            title: 'Safety risk level (R-5)',
            explanation:
              'The latest risk level assessed by the special police unit; threats and measures never leave the referral service.',
            rowLabel: 'risk level',
            unit: 'victims',
          },
        ),
      ],
    },
    {
      id: 'handover',
      title: 'The 24-hour handover (R-4.2)',
      notes: ['On time: the special police unit accepted the handover within 24 hours of identification.'],
      tables: [
        table(
          crossTab({
            id: 'handover-by-reporting-body',
            measure: 'victims',
            records: V,
            rowDim: 'handover',
            rows: ['on_time', 'late', 'not_handed_over_breached', 'pending'],
            row: (r) => handoverOutcome(r.v),
            colDim: 'reportingBody',
            cols: BODY_KINDS,
            col: (r) => r.v.reportingBodyKind ?? 'unknown',
          }),
          {
            title: 'Handovers by outcome and reporting body',
            explanation:
              'Late: accepted after the deadline; breached: the deadline passed and no handover was accepted yet.',
            rowLabel: 'handover',
            colLabel: 'reporting body',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'handover-duration',
            measure: 'victims',
            records: handedOver,
            base: { handedOver: 'yes' },
            rowDim: 'duration',
            rows: ['under 6 h', '6-12 h', '12-24 h', 'over 24 h'],
            row: (r) => durationBand(handoverHours(r.v)!),
          }),
          {
            title: 'Time from identification to handover',
            explanation:
              'Hours between identification and the duty officer’s acceptance, for completed handovers.',
            rowLabel: 'time taken',
            unit: 'victims',
          },
        ),
      ],
    },
    {
      id: 'shelter',
      title: 'Shelter and placement',
      notes: [
        'Nights are counted from admission to discharge, or to the day of the report while the victim is still in care.',
      ],
      tables: [
        table(
          crossTab({
            id: 'placed-victims',
            measure: 'placed',
            records: placed,
            rowDim: 'sex',
            rows: SEXES,
            row: (r) => r.v.sex,
            ...childCols,
          }),
          {
            title: 'Victims admitted to a shelter or assistance centre',
            explanation: 'Victims with at least one admission (R-3.11, R-6.6).',
            rowLabel: 'sex',
            colLabel: 'age',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'nights-in-care',
            measure: 'nights',
            records: nights,
            rowDim: 'sex',
            rows: SEXES,
            row: (r) => r.v.sex,
            ...childCols,
          }),
          {
            title: 'Nights in care',
            explanation:
              'Sum of nights over the victims of each group; a group of fewer than k victims is suppressed.',
            rowLabel: 'sex',
            colLabel: 'age',
            unit: 'nights',
          },
        ),
        table(
          crossTab({
            id: 'placements-by-outcome',
            measure: 'placements',
            records: placements.map((p) => ({
              victimRef: p.victimRef,
              value: 1,
              outcome: placementOutcome(p),
            })),
            rowDim: 'outcome',
            rows: ['offered', 'declined', 'in_care', 'discharged'],
            row: (r) => r.outcome,
          }),
          {
            title: 'Placements by outcome',
            explanation:
              'Each offer of a bed: declined by the facility, admitted and still in care, or discharged.',
            rowLabel: 'outcome',
            unit: 'placements',
          },
        ),
      ],
    },
    {
      id: 'rehabilitation',
      title: 'Rehabilitation and training',
      notes: [
        'Requests for services by the victim, with consent (R-3.3, R-3.4, R-6.1), and what became of them.',
        'Measures of the individual plans (R-6.2) by domain (R-6.4), as of each plan’s latest version; a measure the victim declined is never scheduled (R-6.5).',
        'Enrolments in labour-market training programmes (R-6.3), by their latest status.',
      ],
      tables: [
        table(
          crossTab({
            id: 'service-requests',
            measure: 'requests',
            records: requests.map((r) => ({
              victimRef: r.victimRef,
              value: 1,
              service: r.service ?? 'unknown',
              status: r.status,
            })),
            rowDim: 'service',
            rows: ['shelter', 'medical', 'psychological', 'legal_aid', 'rehabilitation'],
            row: (r) => r.service,
            colDim: 'status',
            cols: ['requested', 'waitlisted', 'accepted', 'declined', 'completed'],
            col: (r) => r.status,
          }),
          {
            title: 'Service requests by service and status',
            explanation:
              'The latest status of each request; a request re-addressed to another provider counts once.',
            rowLabel: 'service',
            colLabel: 'status',
            unit: 'requests',
          },
        ),
        table(
          crossTab({
            id: 'plan-measures',
            measure: 'measures',
            records: measures.map((m) => ({ victimRef: m.victimRef, value: 1, domain: m.domain, status: m.status })),
            rowDim: 'domain',
            rows: PLAN_DOMAINS,
            row: (r) => r.domain,
            colDim: 'status',
            cols: PLAN_ITEM_STATUSES,
            col: (r) => r.status,
          }),
          {
            title: 'Plan measures by domain and status',
            explanation:
              'Each measure of an individual plan: legal aid, education, psychological, medical and vocational rehabilitation, work and housing (R-6.4). A figure is suppressed when fewer than k victims are behind it.',
            rowLabel: 'domain',
            colLabel: 'status',
            unit: 'measures',
          },
        ),
        table(
          crossTab({
            id: 'training-enrolments',
            measure: 'enrolments',
            records: enrolments.map((e) => ({ victimRef: e.victimRef, v: e.v, value: 1, status: e.status })),
            rowDim: 'training',
            rows: ENROLMENT_STATUSES,
            row: (r) => r.status,
            ...sexCols,
          }),
          {
            title: 'Training programmes: enrolments by outcome and sex',
            explanation:
              'Enrolments in the labour-market training of the Ministries of Education and of Labour and Social Protection (R-6.3): still enrolled, completed, or left (R-6.5: at any time).',
            rowLabel: 'outcome',
            colLabel: 'sex',
            unit: 'enrolments',
          },
        ),
      ],
    },
    {
      id: 'compensation',
      title: 'Compensation',
      notes: [
        'Paid: payouts of the Assistance Fund settled by bank transfer or disbursed in cash (R-3.7, R-3.10); returned payouts are not counted.',
        'Awarded: by the court decisions in force once a second person at the Fund confirmed them (R-3.8). Each victim’s award is split into what was recovered from the traffickers’ property, what the Fund paid and what is still outstanding (R-3.9); these add up to the award.',
        'Where the Fund paid on a claim whose sums no event carried (claims opened before compensation.claim.changed existed), the payments count as awarded.',
      ],
      tables: [
        table(
          crossTab({
            id: 'paid-victims',
            measure: 'paidVictims',
            records: V.filter((r) => paidRefs.has(r.victimRef)),
            rowDim: 'sex',
            rows: SEXES,
            row: (r) => r.v.sex,
            ...childCols,
          }),
          {
            title: 'Victims paid by the Assistance Fund',
            explanation: 'Victims who received at least one payment.',
            rowLabel: 'sex',
            colLabel: 'age',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'paid-amounts',
            measure: 'paidMinor',
            records: amounts,
            rowDim: 'sex',
            rows: SEXES,
            row: (r) => r.v.sex,
            colDim: 'method',
            cols: ['bank_transfer', 'cash'],
            col: (r) => r.method,
          }),
          {
            title: 'Amounts paid by the Fund, by method',
            explanation:
              'Sums in qəpik (1/100 AZN); the method is the victim’s choice (R-3.10). A sum over fewer than k victims is suppressed.',
            rowLabel: 'sex',
            colLabel: 'method',
            unit: 'qepik',
          },
        ),
        table(
          crossTab({
            id: 'claimants',
            measure: 'claimants',
            records: standing.filter((s) => s.hasClaim).map((s) => ({ ...s, value: 1 })),
            rowDim: 'claim',
            rows: ['awaiting_decision', 'outstanding', 'satisfied'],
            row: claimStanding,
            ...childCols,
          }),
          {
            title: 'Victims with a compensation claim, by how it stands',
            explanation:
              'Awaiting decision: no confirmed court decision awards anything yet; outstanding: part of the award is neither recovered nor paid; satisfied: nothing is outstanding (R-3.6, R-3.9).',
            rowLabel: 'claim',
            colLabel: 'age',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'award-standing',
            measure: 'awardedMinor',
            records: parts,
            rowDim: 'sex',
            rows: SEXES,
            row: (r) => r.v.sex,
            colDim: 'part',
            cols: PARTS,
            col: (r) => r.part,
            // Paid by the Fund is the same quantity as in the table of amounts paid.
            colMeasures: { recovered: 'recoveredMinor', paid_by_fund: 'paidMinor', outstanding: 'outstandingMinor' },
          }),
          {
            title: 'Amounts awarded: recovered, paid by the Fund, outstanding',
            explanation:
              'Sums in qəpik; each row’s total is the amount awarded (R-3.8: first from the traffickers’ property, then by the Fund on a court decision). A sum over fewer than k victims is suppressed.',
            rowLabel: 'sex',
            colLabel: 'part of the award',
            unit: 'qepik',
          },
        ),
      ],
    },
    {
      id: 'return',
      title: 'Return of foreign victims (R-1.2)',
      notes: ['Foreign nationals only; the country of return is not published.'],
      tables: [
        table(
          crossTab({
            id: 'foreign-identification',
            measure: 'victims',
            records: foreign,
            base: { citizenship: 'foreign' },
            rowDim: 'identification',
            rows: ['identified_victim', 'not_a_victim', 'pending'],
            row: (r) => r.v.identificationOutcome ?? 'pending',
          }),
          {
            title: 'Foreign victims by identification decision',
            explanation: 'Decisions of the special police unit for foreign nationals.',
            rowLabel: 'decision',
            unit: 'victims',
          },
        ),
        table(
          crossTab({
            id: 'return-status',
            measure: 'victims',
            records: foreign,
            base: { citizenship: 'foreign' },
            rowDim: 'return',
            rows: ['none', 'requested', 'documents_ready', 'travel_arranged', 'returned', 'cancelled'],
            row: (r) => r.v.returnStatus ?? 'none',
          }),
          {
            title: 'Return cases by status',
            explanation:
              'The latest status of each foreign victim’s return case; none: no return case opened.',
            rowLabel: 'return',
            unit: 'victims',
          },
        ),
      ],
    },
  ];
}

function publishTable(t: ProtectedTable, meta: TableMeta): PublishedTable {
  const all: ProtectedCell[] = [
    ...t.cells.flat(),
    ...(t.totals ? [...t.totals.rows, ...t.totals.cols, t.totals.all] : []),
  ];
  return {
    id: t.id,
    ...meta,
    additive: Boolean(t.totals),
    columns: t.cols,
    rows: t.rows.map((label, r) => ({
      label,
      values: t.cells[r].map(published),
      total: t.totals ? published(t.totals.rows[r]) : null,
    })),
    ...(t.totals ? { totals: { values: t.totals.cols.map(published), total: published(t.totals.all) } } : {}),
    suppressedCells: new Set(all.filter((c) => c.suppressed).map((c) => c.key)).size,
  };
}

/**
 * The annual report of one year: every section's tables, under one disclosure control across the
 * whole report (a figure suppressed in one table is suppressed in every other that shows it).
 */
// @clause the commission and the National Coordinator analyse the year's work: the annual report
export function buildAnnualReport(f: YearFacts, minCell: number): AnnualReport {
  const sections = buildSections(f);
  const protectedTables = protect(
    sections.flatMap((s) => s.tables.map((t) => t.raw)),
    minCell,
  );
  const byId = new Map(protectedTables.map((t) => [t.id, t]));
  return {
    year: f.year,
    generatedAt: f.asOf.toISOString(),
    minCell,
    population: `Victims whose referral was identified in ${f.year} (UTC), followed to the day of the report.`,
    disclosure: `Figures of fewer than ${minCell} victims, and figures that would let one be worked out from totals or other tables, are suppressed (null).`,
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      notes: s.notes,
      tables: s.tables.map((t) => publishTable(byId.get(t.raw.id)!, t.meta)),
    })),
  };
}
