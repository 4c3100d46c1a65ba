import fc from 'fast-check';
import { crossTab } from '../reports/cross-tab.js';
import { cellsOf, linesOf, protect, recoverable, type RawTable } from './disclosure.js';

const K = 11;

/** Random victims with a few categorical attributes and an amount, as the read model holds them. */
const victimsArb = fc.array(
  fc.record({
    sex: fc.constantFrom('female', 'male', 'other'),
    age: fc.constantFrom('child', 'adult'),
    region: fc.constantFrom('Baku', 'Ganja', 'Sheki', 'Lankaran'),
    outcome: fc.constantFrom('identified_victim', 'not_a_victim', 'pending'),
    paid: fc.integer({ min: 0, max: 500_000 }),
  }),
  { minLength: 0, maxLength: 160 },
);

type V = { sex: string; age: string; region: string; outcome: string; paid: number };

/** The same shapes the annual report uses: shared marginals (sex, age, region) across tables. */
function tablesOf(victims: V[]): RawTable[] {
  const records = victims.map((v, i) => ({ ...v, victimRef: `V${i}`, value: 1 }));
  const paid = records.filter((r) => r.paid > 0).map((r) => ({ ...r, value: r.paid }));
  return [
    crossTab({
      id: 'sex-age',
      measure: 'victims',
      records,
      rowDim: 'age',
      rows: ['child', 'adult'],
      row: (r) => r.age,
      colDim: 'sex',
      cols: ['female', 'male', 'other'],
      col: (r) => r.sex,
    }),
    crossTab({
      id: 'region-sex',
      measure: 'victims',
      records,
      rowDim: 'region',
      rows: ['Baku', 'Ganja', 'Sheki', 'Lankaran'],
      row: (r) => r.region,
      colDim: 'sex',
      cols: ['female', 'male', 'other'],
      col: (r) => r.sex,
    }),
    crossTab({
      id: 'outcome',
      measure: 'victims',
      records,
      rowDim: 'outcome',
      rows: ['identified_victim', 'not_a_victim', 'pending'],
      row: (r) => r.outcome,
    }),
    crossTab({
      id: 'by-sex',
      measure: 'victims',
      records,
      rowDim: 'sex',
      rows: ['female', 'male', 'other'],
      row: (r) => r.sex,
    }),
    crossTab({
      id: 'paid',
      measure: 'paidMinor',
      records: paid,
      rowDim: 'sex',
      rows: ['female', 'male', 'other'],
      row: (r) => r.sex,
      colDim: 'age',
      cols: ['child', 'adult'],
      col: (r) => r.age,
    }),
  ];
}

describe('disclosure control', () => {
  it('R-2.4 publishes no count between 1 and k-1 (property, random populations)', () => {
    fc.assert(
      fc.property(victimsArb, (victims) => {
        for (const t of protect(tablesOf(victims), K))
          for (const c of cellsOf(t)) if (!c.suppressed) expect(c.n === 0 || c.n >= K).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('R-2.4 suppresses a sum of money over fewer than k victims', () => {
    fc.assert(
      fc.property(victimsArb, (victims) => {
        const paid = protect(tablesOf(victims), K).find((t) => t.id === 'paid')!;
        for (const c of cellsOf(paid)) if (c.n > 0 && c.n < K) expect(c.suppressed).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('R-1.3.2 leaves no suppressed cell derivable by subtraction from totals or from another table (property)', () => {
    fc.assert(
      fc.property(victimsArb, (victims) => {
        const tables = protect(tablesOf(victims), K);
        expect(recoverable(tables)).toEqual([]);
        for (const t of tables)
          for (const line of linesOf(t)) {
            const hidden = new Set(line.filter((c) => c.suppressed).map((c) => c.key));
            expect(hidden.size === 0 || hidden.size >= 2).toBe(true);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('R-1.3.2 suppresses a quantity everywhere once it is suppressed anywhere', () => {
    fc.assert(
      fc.property(victimsArb, (victims) => {
        const state = new Map<string, boolean>();
        for (const t of protect(tablesOf(victims), K))
          for (const c of cellsOf(t)) {
            if (state.has(c.key)) expect(state.get(c.key)).toBe(c.suppressed);
            state.set(c.key, c.suppressed);
          }
      }),
      { numRuns: 200 },
    );
  });

  it('R-1.3.2 the adversary check finds a cell left alone in its row (the check itself works)', () => {
    // 3 women children, 20 adult women: hiding only the 3 leaves it as 23 − 20.
    const victims: V[] = [
      ...Array.from({ length: 3 }, () => ({
        sex: 'female',
        age: 'child',
        region: 'Baku',
        outcome: 'pending',
        paid: 0,
      })),
      ...Array.from({ length: 20 }, () => ({
        sex: 'female',
        age: 'adult',
        region: 'Baku',
        outcome: 'pending',
        paid: 0,
      })),
    ];
    const tables = protect([tablesOf(victims)[0]], K);
    const naive = tables.map((t) => ({
      ...t,
      cells: t.cells.map((row) => row.map((c) => ({ ...c, suppressed: c.reason === 'primary' }))),
      totals: t.totals && {
        rows: t.totals.rows.map((c) => ({ ...c, suppressed: c.reason === 'primary' })),
        cols: t.totals.cols.map((c) => ({ ...c, suppressed: c.reason === 'primary' })),
        all: { ...t.totals.all, suppressed: t.totals.all.reason === 'primary' },
      },
    }));
    expect(recoverable(naive)).toContain('victims|age=child&sex=female');
    expect(recoverable(tables)).toEqual([]);
  });

  it('publishes every figure of a large enough population unchanged', () => {
    const victims: V[] = Array.from({ length: 2 * 3 * 4 * 3 * K }, (_, i) => ({
      sex: ['female', 'male', 'other'][i % 3],
      age: ['child', 'adult'][Math.floor(i / 3) % 2],
      region: ['Baku', 'Ganja', 'Sheki', 'Lankaran'][Math.floor(i / 6) % 4],
      outcome: ['identified_victim', 'not_a_victim', 'pending'][Math.floor(i / 24) % 3],
      paid: 100,
    }));
    const tables = protect(tablesOf(victims), K);
    expect(tables.flatMap((t) => cellsOf(t)).filter((c) => c.suppressed)).toEqual([]);
  });
});
