import { ADULT_AGE, isChild } from './common.js';

describe(isChild.name, () => {
  it('R-6.6 is a child under 18, and presumed one while the age is not established', () => {
    expect(ADULT_AGE).toBe(18);
    expect(isChild(17)).toBe(true);
    expect(isChild(18)).toBe(false);
    expect(isChild(0)).toBe(true);
    expect(isChild(undefined)).toBe(true);
    expect(isChild(null)).toBe(true);
    expect(isChild(Number.NaN)).toBe(true);
  });
});
