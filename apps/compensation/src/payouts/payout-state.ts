/** States of a payout. Stored in the database: never rename. */
export const PAYOUT_STATUSES = ['pending_approval', 'approved', 'sent', 'settled', 'failed', 'returned', 'disbursed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** What a transition does to the Fund's ledger. */
export type LedgerEffect = 'reserve' | 'pay' | 'release' | 'refund' | 'none';

/**
 * The payout state machine. Bank: `pending_approval → approved → sent → settled | failed`,
 * `settled → returned`; cash: `approved → disbursed`. A pending payout may be failed (rejected) before
 * any money is reserved. The graph has no cycles, so each state is entered at most once.
 */
const TRANSITIONS: Record<PayoutStatus, Partial<Record<PayoutStatus, LedgerEffect>>> = {
  pending_approval: { approved: 'reserve', failed: 'none' },
  approved: { sent: 'none', failed: 'release', disbursed: 'pay' },
  sent: { settled: 'pay', failed: 'release' },
  settled: { returned: 'refund' },
  failed: {},
  returned: {},
  disbursed: {},
};

/** The ledger effect of `from → to`, or undefined when the transition is illegal. */
// @clause the payout states of a bank transfer and of cash, and what each move posts
export function transitionEffect(from: PayoutStatus, to: PayoutStatus): LedgerEffect | undefined {
  return TRANSITIONS[from][to];
}

/** States from which `to` may be reached. */
export function statesLeadingTo(to: PayoutStatus): PayoutStatus[] {
  return PAYOUT_STATUSES.filter((s) => TRANSITIONS[s][to] !== undefined);
}

/** Money of these payouts counts against the claim's cap (pending, reserved or paid). */
export const COMMITTED_STATUSES: readonly PayoutStatus[] = ['pending_approval', 'approved', 'sent', 'settled', 'disbursed'];
/** Money of these payouts has reached the beneficiary. */
export const PAID_STATUSES: readonly PayoutStatus[] = ['settled', 'disbursed'];
