import fc from 'fast-check';
import { SEXES } from '#shared';
import { cellsOf, protect, recoverable } from '../disclosure/disclosure.js';
import { buildAnnualReport, buildSections, type AnnualReport, type PublishedTable } from './annual-report.js';
import { awardStanding, type VictimFact, type YearFacts } from './facts.js';

const K = 5;
const YEAR = 2031;

const victimArb = fc.record({
  sex: fc.constantFrom(...SEXES),
  child: fc.boolean(),
  plan: fc.array(
    fc.record({
      domain: fc.constantFrom('legal_aid', 'medical', 'housing', 'employment'),
      status: fc.constantFrom('proposed', 'scheduled', 'done', 'cancelled'),
    }),
    { maxLength: 3 },
  ),
  training: fc.option(fc.constantFrom('enrolled', 'completed', 'withdrawn'), { nil: undefined }),
  claim: fc.option(
    fc.record({
      awarded: fc.integer({ min: 0, max: 900_000 }),
      recovered: fc.integer({ min: 0, max: 400_000 }),
      paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { nil: undefined },
  ),
});
type Sim = typeof victimArb extends fc.Arbitrary<infer T> ? T : never;

function factsOf(sims: Sim[]): YearFacts {
  const victims: VictimFact[] = sims.map((s, i) => ({
    victimRef: `victim-${i}`,
    kind: 'presumed_victim',
    identifiedAt: new Date(Date.UTC(YEAR, 2, 1)),
    sex: s.sex,
    ageBand: s.child ? '14-17' : '25-34',
    age: s.child ? 15 : 30,
    child: s.child,
    citizenship: 'AZ',
    exploitation: ['labour'],
    region: 'Baku',
    reportingBodyKind: 'commission_body',
    identificationOutcome: 'identified_victim',
    handedOverAt: null,
    handoverLate: null,
    deadlineBreached: false,
    safetyRiskLevel: null,
    returnStatus: null,
  }));
  const ref = (i: number) => `victim-${i}`;
  return {
    year: YEAR,
    asOf: new Date(Date.UTC(YEAR, 11, 31)),
    victims,
    placements: [],
    serviceRequests: [],
    payouts: sims.flatMap((s, i) => {
      if (!s.claim) return [];
      // The Fund pays at most what the award leaves after recoveries.
      const payable = Math.max(0, s.claim.awarded - s.claim.recovered);
      const amount = Math.floor(payable * s.claim.paidShare);
      return amount > 0 ? [{ victimRef: ref(i), amountMinor: amount, method: 'cash', status: 'disbursed' }] : [];
    }),
    planMeasures: sims.flatMap((s, i) => s.plan.map((m) => ({ victimRef: ref(i), ...m }))),
    enrolments: sims.flatMap((s, i) =>
      s.training ? [{ victimRef: ref(i), leadMinistry: 'MLSPP', status: s.training }] : [],
    ),
    claims: sims.flatMap((s, i) =>
      s.claim ? [{ victimRef: ref(i), awardedMinor: s.claim.awarded, recoveredMinor: s.claim.recovered }] : [],
    ),
  };
}

const table = (r: AnnualReport, section: string, id: string): PublishedTable =>
  r.sections.find((s) => s.id === section)!.tables.find((t) => t.id === id)!;

describe('annual report: rehabilitation and compensation', () => {
  it('R-2.4 splits each award into recovered, paid by the Fund and outstanding, which add up to it', () => {
    expect(awardStanding(100_000, 30_000, 50_000)).toEqual({ awarded: 100_000, recovered: 30_000, paid: 50_000, outstanding: 20_000 });
    // A recovery beyond what the payments leave counts up to the award.
    expect(awardStanding(100_000, 80_000, 50_000)).toEqual({ awarded: 100_000, recovered: 50_000, paid: 50_000, outstanding: 0 });
    // Paid on a claim whose award no event carried: the payments count as awarded.
    expect(awardStanding(0, 0, 40_000)).toEqual({ awarded: 40_000, recovered: 0, paid: 40_000, outstanding: 0 });
  });

  it('R-2.4 counts plan measures by domain, training by outcome and sums awarded, recovered, paid and outstanding', () => {
    const sims = Array.from({ length: 2 * K }, (_, i) => ({
      sex: 'female' as const,
      child: false,
      plan: [{ domain: 'medical', status: 'done' }, { domain: 'housing', status: 'scheduled' }],
      training: i % 2 === 0 ? ('completed' as const) : ('enrolled' as const),
      claim: { awarded: 100_000, recovered: 20_000, paidShare: 0.5 },
    }));
    const report = buildAnnualReport(factsOf(sims), K);
    const measures = table(report, 'rehabilitation', 'plan-measures');
    const row = (t: PublishedTable, label: string) => t.rows.find((r) => r.label === label)!;
    expect(row(measures, 'medical').values[measures.columns.indexOf('done')]).toBe(2 * K);
    expect(measures.totals!.total).toBe(4 * K);
    const training = table(report, 'rehabilitation', 'training-enrolments');
    expect(row(training, 'completed').values[training.columns.indexOf('female')]).toBe(K);
    const award = table(report, 'compensation', 'award-standing');
    const female = row(award, 'female');
    expect(female.values).toEqual([2 * K * 20_000, 2 * K * 40_000, 2 * K * 40_000]);
    expect(female.total).toBe(2 * K * 100_000);
    expect(award.columns).toEqual(['recovered', 'paid_by_fund', 'outstanding']);
    // The Fund's share is the same figure as in the table of amounts paid.
    expect(award.totals!.values[1]).toBe(table(report, 'compensation', 'paid-amounts').totals!.total);
    const claimants = table(report, 'compensation', 'claimants');
    expect(row(claimants, 'outstanding').total).toBe(2 * K);
  });

  it('R-2.4 publishes no figure over 1 to k-1 victims and leaves none derivable across the whole report (property)', () => {
    fc.assert(
      fc.property(fc.array(victimArb, { maxLength: 60 }), (sims) => {
        const tables = protect(
          buildSections(factsOf(sims)).flatMap((s) => s.tables.map((t) => t.raw)),
          K,
        );
        for (const t of tables) for (const c of cellsOf(t)) if (!c.suppressed) expect(c.n === 0 || c.n >= K).toBe(true);
        expect(recoverable(tables)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
