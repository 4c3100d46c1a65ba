import fc from 'fast-check';
import { lines, postings } from './ledger-postings.js';

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

  it('R-6.7 refuses lines that do not balance, and any zero amount among them', () => {
    expect(() =>
      lines({ account: 'fund:available', amountMinor: 100 }, { account: 'income:grant', amountMinor: -50 }),
    ).toThrow(/does not balance/);
    expect(() =>
      lines(
        { account: 'fund:available', amountMinor: 100 },
        { account: 'fund:reserved', amountMinor: 0 },
        { account: 'income:grant', amountMinor: -100 },
      ),
    ).toThrow(/non-zero integers/);
    expect(() => lines({ account: 'fund:available', amountMinor: 0 })).toThrow(/non-zero integers/);
  });

  it('orders the lines by account code, whatever order they came in (the lock order that keeps concurrent postings from deadlocking)', () => {
    const given = [
      { account: 'payouts:paid', amountMinor: 300 },
      { account: 'fund:available', amountMinor: -100 },
      { account: 'income:other', amountMinor: -150 },
      { account: 'fund:reserved', amountMinor: -50 },
    ] as const;
    const sorted = lines(...given);
    expect(sorted.map((l) => l.account)).toEqual([
      'fund:available',
      'fund:reserved',
      'income:other',
      'payouts:paid',
    ]);
    // The caller's lines are not reordered in place.
    expect(given[0].account).toBe('payouts:paid');
    for (const posting of [
      postings.reservation(7),
      postings.payout(7),
      postings.refund(7),
      postings.inflow('grant', 7),
    ]) {
      const accounts = posting.map((l) => l.account);
      expect(accounts).toEqual([...accounts].sort());
    }
  });
});
