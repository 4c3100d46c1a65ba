import fc from 'fast-check';
import type { VictimFact } from '../reports/facts.js';
import { HTCDS_FIELDS, ageBroad, anonymise, htcdsRow } from './htcds.js';

const K = 11;

const victimArb: fc.Arbitrary<VictimFact> = fc.record({
  victimRef: fc.stringMatching(/^V-[0-9A-Z]{20}$/),
  kind: fc.constant('presumed_victim'),
  identifiedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
  sex: fc.constantFrom('female', 'female', 'female', 'male', 'other', 'unknown'),
  ageBand: fc.constant('unknown'),
  age: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
  child: fc.boolean(),
  citizenship: fc.option(fc.constantFrom('AZ', 'AZ', 'AZ', 'TR', 'RU', 'NP', 'UZ'), { nil: null }),
  exploitation: fc.option(
    fc.subarray(
      [
        'sexual',
        'labour',
        'domestic_servitude',
        'forced_begging',
        'forced_marriage',
        'organ_removal',
        'other',
      ],
      { minLength: 1, maxLength: 3 },
    ),
    { nil: null },
  ),
  region: fc.constantFrom('Baku', 'Ganja'),
  reportingBodyKind: fc.constantFrom('commission_body', 'ngo'),
  identificationOutcome: fc.constantFrom('identified_victim', null),
  handedOverAt: fc.constant(null),
  handoverLate: fc.constant(null),
  deadlineBreached: fc.boolean(),
  safetyRiskLevel: fc.constant(null),
  returnStatus: fc.constant(null),
});

describe('HTCDS export', () => {
  it('R-1.3.2 every combination of quasi-identifiers in the export occurs at least k times (property)', () => {
    fc.assert(
      fc.property(fc.array(victimArb, { maxLength: 250 }), (victims) => {
        const out = anonymise(victims, 2026, K);
        const counts = new Map<string, number>();
        for (const r of out.rows) {
          const sig = HTCDS_FIELDS.map((f) => r[f]).join('|');
          counts.set(sig, (counts.get(sig) ?? 0) + 1);
        }
        for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(K);
        expect(out.rows.length + out.suppressedRows).toBe(victims.length);
      }),
      { numRuns: 150 },
    );
  });

  it('R-1.3.2 rows carry only the HTCDS fields: no victimRef, date, region or free text (property)', () => {
    fc.assert(
      fc.property(fc.array(victimArb, { maxLength: 120 }), (victims) => {
        const out = anonymise(victims, 2026, K);
        const text = JSON.stringify(out.rows);
        for (const v of victims) expect(text).not.toContain(v.victimRef);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(text).not.toMatch(/Baku|Ganja/);
        for (const r of out.rows) expect(Object.keys(r).sort()).toEqual([...HTCDS_FIELDS].sort());
      }),
      { numRuns: 100 },
    );
  });

  it('maps to CTDC value sets', () => {
    const v = {
      victimRef: 'V-AAAAAAAAAAAAAAAAAAAA',
      sex: 'female',
      age: 16,
      citizenship: 'NP',
      exploitation: ['sexual', 'domestic_servitude'],
    } as VictimFact;
    expect(htcdsRow(v, 2026, { age: 0, citizenship: 0, exploitation: 0, gender: 0 })).toEqual({
      yearOfRegistration: 2026,
      Datasource: 'Case Management',
      gender: 'Female',
      ageBroad: '9--17',
      majorityStatus: 'Minor',
      citizenship: 'NP',
      typeOfExploitConcatenated: 'Forced labour; Sexual exploitation',
      isForcedLabour: 1,
      isSexualExploit: 1,
      isOtherExploit: 0,
      isSexAndLabour: 1,
      isForcedMarriage: 0,
      isOrganRemoval: 0,
      typeOfLabourConcatenated: 'Domestic work',
    });
    expect([ageBroad(8), ageBroad(9), ageBroad(20), ageBroad(48), ageBroad(null)]).toEqual([
      '0--8',
      '9--17',
      '18--20',
      '48+',
      '',
    ]);
  });

  it('generalises before it suppresses, and publishes a large uniform population as recorded', () => {
    const same = (i: number) =>
      ({
        victimRef: `V-${String(i).padStart(20, '0')}`,
        sex: 'female',
        age: 25,
        citizenship: 'AZ',
        exploitation: ['sexual'],
      }) as VictimFact;
    const out = anonymise(
      Array.from({ length: 3 * K }, (_, i) => same(i)),
      2026,
      K,
    );
    expect(out.suppressedRows).toBe(0);
    expect(out.generalisation).toEqual({ age: 0, citizenship: 0, exploitation: 0, gender: 0 });
    const mixed = anonymise(
      [
        ...Array.from({ length: 3 * K }, (_, i) => same(i)),
        ...Array.from({ length: 2 * K }, (_, i) => ({
          ...same(100 + i),
          citizenship: ['TR', 'RU', 'NP'][i % 3],
        })),
      ],
      2026,
      K,
    );
    expect(mixed.suppressedRows).toBe(0);
    expect(mixed.generalisation.citizenship).toBe(1);
    expect(mixed.rows.filter((r) => r.citizenship === 'ZZ')).toHaveLength(2 * K);
  });
});
