import fc from 'fast-check';
import { summariseClaim, type ClaimFigures } from './claim-figures.js';

const base: ClaimFigures = {
  decisions: 1,
  awardedMinor: 0,
  awardedFundOrderedMinor: 0,
  recoveredMinor: 0,
  paidByFundMinor: 0,
  pendingByFundMinor: 0,
};

describe('summariseClaim', () => {
  it('R-3.8 lets the Fund pay only what recoveries from the traffickers leave, under an ordering decision', () => {
    const s = summariseClaim({
      ...base,
      awardedMinor: 1000,
      awardedFundOrderedMinor: 1000,
      recoveredMinor: 300,
    });
    expect(s).toMatchObject({ outstandingMinor: 700, fundPayableMinor: 700, fundPaymentOrdered: true });
  });

  it('R-3.8 lets the Fund pay nothing without a decision ordering it', () => {
    expect(summariseClaim({ ...base, awardedMinor: 1000 }).fundPayableMinor).toBe(0);
  });

  it('R-3.8 counts pending Fund payouts against what the Fund may still pay', () => {
    const s = summariseClaim({
      ...base,
      awardedMinor: 1000,
      awardedFundOrderedMinor: 1000,
      paidByFundMinor: 200,
      pendingByFundMinor: 300,
    });
    expect(s).toMatchObject({ outstandingMinor: 800, fundPayableMinor: 500 });
  });

  it('R-3.9 keeps the claim open while anything is outstanding after a Fund payment', () => {
    expect(
      summariseClaim({ ...base, awardedMinor: 1000, awardedFundOrderedMinor: 1000, paidByFundMinor: 999 })
        .status,
    ).toBe('open');
    expect(
      summariseClaim({ ...base, awardedMinor: 1000, awardedFundOrderedMinor: 1000, paidByFundMinor: 1000 })
        .status,
    ).toBe('closed');
    expect(summariseClaim({ ...base, decisions: 0 }).status).toBe('open');
  });

  it('R-3.8 never lets the Fund pay more than awarded − recovered in total (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(10 ** 9),
        fc.nat(10 ** 9),
        fc.nat(10 ** 9),
        fc.nat(10 ** 9),
        (awarded, ordered, recovered, paid) => {
          const s = summariseClaim({
            ...base,
            awardedMinor: awarded,
            awardedFundOrderedMinor: Math.min(ordered, awarded),
            recoveredMinor: recovered,
            paidByFundMinor: paid,
          });
          expect(s.fundPayableMinor).toBeGreaterThanOrEqual(0);
          if (s.fundPayableMinor > 0)
            expect(paid + s.fundPayableMinor).toBeLessThanOrEqual(awarded - recovered);
          expect(s.outstandingMinor).toBe(Math.max(0, awarded - recovered - paid));
        },
      ),
    );
  });
});
