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
