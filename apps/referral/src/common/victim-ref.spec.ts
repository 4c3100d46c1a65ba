import { newVictimRef, VICTIM_REF_PATTERN } from './victim-ref.js';

describe('newVictimRef', () => {
  it('R-1.3.2 is random and opaque: V- and 20 base32 characters, never repeated', () => {
    const refs = Array.from({ length: 2000 }, () => newVictimRef());
    for (const ref of refs) expect(ref).toMatch(VICTIM_REF_PATTERN);
    expect(new Set(refs).size).toBe(refs.length);
  });
});
