import fc from 'fast-check';
import { postings } from './ledger-postings.js';

describe('ledger postings', () => {
  it('R-6.7 every posting of the Fund balances to zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 13 }),
        fc.constantFrom<'state_budget' | 'grant' | 'other'>('state_budget', 'grant', 'other'),
        (amount, source) => {
          for (const lines of [
            postings.inflow(source, amount),
            postings.reservation(amount),
            postings.payout(amount),
            postings.release(amount),
            postings.refund(amount),
          ]) {
            expect(lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(0);
            expect(lines.map((l) => l.account)).toEqual([...lines.map((l) => l.account)].sort());
          }
        },
      ),
    );
  });

  it('R-3.2 books a grant to its own income account', () => {
    expect(postings.inflow('grant', 500)).toEqual([
      { account: 'fund:available', amountMinor: 500 },
      { account: 'income:grant', amountMinor: -500 },
    ]);
  });

  it('refuses zero or fractional amounts', () => {
    expect(() => postings.reservation(0)).toThrow(RangeError);
    expect(() => postings.payout(1.5)).toThrow(RangeError);
  });
});
