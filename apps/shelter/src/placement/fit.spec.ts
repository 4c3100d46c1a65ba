import { ageBounds, isChildProfile } from './fit.js';

describe('ageBounds', () => {
  it('uses the known age', () => {
    expect(ageBounds({ age: 30, ageBand: '25-34', child: false })).toEqual({ lo: 30, hi: 30 });
  });

  it('falls back to the age band', () => {
    expect(ageBounds({ ageBand: '35-49', child: false })).toEqual({ lo: 35, hi: 49 });
  });

  it('R-6.6 treats a child of unknown age as under 18', () => {
    expect(ageBounds({ ageBand: 'unknown', child: true })).toEqual({ lo: 0, hi: 17 });
  });

  it('R-6.6 presumes a victim whose age is not established a child, whatever the flag says', () => {
    expect(ageBounds({ ageBand: 'unknown', child: false })).toEqual({ lo: 0, hi: 17 });
  });

  it('R-6.6 trusts the child flag when it contradicts the age', () => {
    expect(ageBounds({ age: 25, ageBand: '25-34', child: true })).toEqual({ lo: 0, hi: 17 });
  });

  it('R-6.6 places as a child only the under-18s and those of unknown age', () => {
    expect(isChildProfile({ ageBand: 'unknown', child: false })).toBe(true);
    expect(isChildProfile({ age: 30, ageBand: '25-34', child: false })).toBe(false);
    expect(isChildProfile({ ageBand: '35-49', child: false })).toBe(false);
    expect(isChildProfile({ age: 12, ageBand: '12-13', child: true })).toBe(true);
  });
});

describe('ageBounds of each age band', () => {
  const ADULT_BANDS = [
    ['18-24', 18, 24],
    ['25-34', 25, 34],
    ['35-49', 35, 49],
    ['50-64', 50, 64],
    ['65+', 65, 130],
  ] as const;
  const CHILD_BANDS = [
    ['0-5', 0, 5],
    ['6-11', 6, 11],
    ['12-13', 12, 13],
    ['14-17', 14, 17],
  ] as const;

  it('R-6.6 gives an adult of unknown exact age the ages of their band', () => {
    for (const [ageBand, lo, hi] of ADULT_BANDS)
      expect([ageBand, ageBounds({ ageBand, child: false })]).toEqual([ageBand, { lo, hi }]);
  });

  it('R-6.6 gives a child of unknown exact age the ages of their band', () => {
    for (const [ageBand, lo, hi] of CHILD_BANDS)
      expect([ageBand, ageBounds({ ageBand, child: true })]).toEqual([ageBand, { lo, hi }]);
  });

  it('R-6.6 places a child flagged in an adult band as a child of any age under 18', () => {
    expect(ageBounds({ ageBand: '18-24', child: true })).toEqual({ lo: 0, hi: 17 });
    expect(ageBounds({ ageBand: '65+', child: true })).toEqual({ lo: 0, hi: 17 });
  });

  it("trusts the producer's child flag over a child band (the flag comes from the platform's one isChild)", () => {
    expect(ageBounds({ ageBand: '14-17', child: false })).toEqual({ lo: 18, hi: 130 });
  });

  it('R-6.6 uses the known age before the band, at the adult boundary too', () => {
    expect(ageBounds({ age: 18, ageBand: 'unknown', child: false })).toEqual({ lo: 18, hi: 18 });
    expect(ageBounds({ age: 17, ageBand: '14-17', child: true })).toEqual({ lo: 17, hi: 17 });
    expect(ageBounds({ age: 0, ageBand: '0-5', child: true })).toEqual({ lo: 0, hi: 0 });
    expect(ageBounds({ age: null as unknown as number, ageBand: '35-49', child: false })).toEqual({
      lo: 35,
      hi: 49,
    });
  });
});

describe('isChildProfile', () => {
  it('R-6.6 presumes a child only while neither the age nor its band is known', () => {
    expect(isChildProfile({ age: 40, ageBand: 'unknown', child: false })).toBe(false);
    expect(isChildProfile({ age: null as unknown as number, ageBand: 'unknown', child: false })).toBe(true);
    expect(isChildProfile({ ageBand: '18-24', child: false })).toBe(false);
    expect(isChildProfile({ ageBand: '18-24', child: true })).toBe(true);
  });
});
