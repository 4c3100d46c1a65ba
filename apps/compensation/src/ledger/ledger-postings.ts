import { ACCOUNTS, type AccountCode, type InflowSource } from './ledger.entities.js';

/** One line of a posting: debit positive, credit negative. */
export interface PostingLine {
  account: AccountCode;
  amountMinor: number;
}

const INCOME: Record<InflowSource, AccountCode> = {
  state_budget: ACCOUNTS.stateBudget,
  grant: ACCOUNTS.grant,
  other: ACCOUNTS.other,
};

/**
 * Lines in account-code order: every transaction then takes account row locks in the same order,
 * so concurrent postings cannot deadlock. Refuses a zero or fractional amount and lines that do not
 * balance (exported for its spec; the postings below are the API).
 */
export function lines(...ls: PostingLine[]): PostingLine[] {
  if (ls.some((l) => !Number.isSafeInteger(l.amountMinor) || l.amountMinor === 0))
    throw new RangeError('posting amounts must be non-zero integers');
  if (ls.reduce((s, l) => s + l.amountMinor, 0) !== 0) throw new RangeError('posting does not balance');
  return [...ls].sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
}

/**
 * The postings of the Fund (R-6.7: funded by the state budget and other lawful sources: grants):
 * money comes in, is reserved on approval, paid on settlement, and given back on failure or return.
 */
// @clause every posting of the Fund balances to zero; grants go to their own income account
export const postings = {
  inflow: (source: InflowSource, amount: number) =>
    lines(
      { account: ACCOUNTS.available, amountMinor: amount },
      { account: INCOME[source], amountMinor: -amount },
    ),
  reservation: (amount: number) =>
    lines(
      { account: ACCOUNTS.reserved, amountMinor: amount },
      { account: ACCOUNTS.available, amountMinor: -amount },
    ),
  payout: (amount: number) =>
    lines(
      { account: ACCOUNTS.paid, amountMinor: amount },
      { account: ACCOUNTS.reserved, amountMinor: -amount },
    ),
  /** A reserved payout that failed: the reservation goes back to available money. */
  release: (amount: number) =>
    lines(
      { account: ACCOUNTS.available, amountMinor: amount },
      { account: ACCOUNTS.reserved, amountMinor: -amount },
    ),
  /** A paid payout the bank returned: the money is available again. */
  refund: (amount: number) =>
    lines(
      { account: ACCOUNTS.available, amountMinor: amount },
      { account: ACCOUNTS.paid, amountMinor: -amount },
    ),
};
