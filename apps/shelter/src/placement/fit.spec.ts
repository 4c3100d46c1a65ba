import { ageBounds } from './fit.js';

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

  it('treats an adult of unknown age as 18 or over', () => {
    expect(ageBounds({ ageBand: 'unknown', child: false })).toEqual({ lo: 18, hi: 130 });
  });

  it('R-6.6 trusts the child flag when it contradicts the age', () => {
    expect(ageBounds({ age: 25, ageBand: '25-34', child: true })).toEqual({ lo: 0, hi: 17 });
  });
});
