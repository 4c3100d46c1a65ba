/** Sums of a claim, read under the claim's lock. All integer minor units. */
export interface ClaimFigures {
  decisions: number;
  awardedMinor: number;
  /** Awarded by decisions that order the Fund to pay. */
  awardedFundOrderedMinor: number;
  recoveredMinor: number;
  /** Paid by the Fund (settled or disbursed). */
  paidByFundMinor: number;
  /** Requested, approved or sent by the Fund but not yet paid. */
  pendingByFundMinor: number;
}

export type ClaimStatus = 'open' | 'closed';

export interface ClaimSummary {
  status: ClaimStatus;
  awardedMinor: number;
  recoveredMinor: number;
  paidByFundMinor: number;
  pendingByFundMinor: number;
  outstandingMinor: number;
  fundPaymentOrdered: boolean;
  fundPayableMinor: number;
}

/**
 * What is owed and what the Fund may still pay.
 *
 * - R-3.8: damage is paid from the traffickers' property (recoveries) first; the Fund pays only what
 *   that leaves, and only under a court decision that orders it:
 *   `fundPayable = min(awarded − recovered, awardedUnderFundOrders) − paidByFund − pendingByFund`.
 * - R-3.9: a Fund payment does not end the victim's claim: the claim stays `open` while anything is
 *   outstanding (`awarded − recovered − paidByFund > 0`) or no decision exists yet.
 */
// @clause the Fund pays at most awarded − recovered − paid, only under an ordering decision; the claim stays open while anything is outstanding
export function summariseClaim(f: ClaimFigures): ClaimSummary {
  const outstandingMinor = Math.max(0, f.awardedMinor - f.recoveredMinor - f.paidByFundMinor);
  const fundPaymentOrdered = f.awardedFundOrderedMinor > 0;
  const ceiling = Math.min(f.awardedMinor - f.recoveredMinor, f.awardedFundOrderedMinor);
  const fundPayableMinor = fundPaymentOrdered
    ? Math.max(0, ceiling - f.paidByFundMinor - f.pendingByFundMinor)
    : 0;
  return {
    status: f.decisions === 0 || outstandingMinor > 0 ? 'open' : 'closed',
    awardedMinor: f.awardedMinor,
    recoveredMinor: f.recoveredMinor,
    paidByFundMinor: f.paidByFundMinor,
    pendingByFundMinor: f.pendingByFundMinor,
    outstandingMinor,
    fundPaymentOrdered,
    fundPayableMinor,
  };
}
