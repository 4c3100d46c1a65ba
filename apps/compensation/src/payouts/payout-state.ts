/** States of a payout. Stored in the database: never rename. */
export const PAYOUT_STATUSES = [
  'pending_approval',
  'approved',
  'sent',
  'failure_requested',
  'settled',
  'return_requested',
  'failed',
  'returned',
  'disbursed',
] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** What a transition does to the Fund's ledger. */
export type LedgerEffect = 'reserve' | 'pay' | 'release' | 'refund' | 'none';

/**
 * On whose word a transition is made:
 * - `officer`: one fund officer or approver alone;
 * - `approval`: a fund approver who is not the maker (the approval path, with the claim's cap check);
 * - `bank_report`: an imported bank report that names the payout (pain.002, camt.054);
 * - `confirmation`: a second fund approver confirming another person's request (four eyes).
 */
export type Authority = 'officer' | 'approval' | 'bank_report' | 'confirmation';

interface Rule {
  effect: LedgerEffect;
  /** Who may make this step; a step not listed for an authority is refused to it. */
  by: readonly Authority[];
}

const ANYONE: readonly Authority[] = ['officer', 'bank_report', 'confirmation'];
/** Once its pain.001 was issued, the money leaves a payout only on the bank's word or four eyes. */
const EVIDENCE: readonly Authority[] = ['bank_report', 'confirmation'];

/**
 * The payout state machine. Bank: `pending_approval → approved → sent → settled`;
 * from `sent` (its pain.001 issued) a failure is first requested (`failure_requested`), and from
 * `settled` a return (`return_requested`); a second person confirms (`failed`, `returned`) or rejects
 * (back to `sent` / `settled`, no ledger effect); an imported bank report may also fail or return it
 * directly. Cash: `approved → disbursed`. Before the file is issued one person may still reject a
 * pending payout or cancel an approved one (the money was never in a file a bank could execute).
 * Each payment effect (`pay`, `refund`) leads into a state no path enters twice with that effect.
 */
const TRANSITIONS: Record<PayoutStatus, Partial<Record<PayoutStatus, Rule>>> = {
  pending_approval: {
    approved: { effect: 'reserve', by: ['approval'] },
    failed: { effect: 'none', by: ANYONE },
  },
  approved: {
    sent: { effect: 'none', by: ['officer'] },
    failed: { effect: 'release', by: ANYONE },
    disbursed: { effect: 'pay', by: ['officer'] },
  },
  sent: {
    settled: { effect: 'pay', by: ANYONE },
    failure_requested: { effect: 'none', by: ['officer'] },
    // @clause after its pain.001 was issued, a payout fails only on a bank report or four eyes
    failed: { effect: 'release', by: ['bank_report'] },
  },
  failure_requested: {
    failed: { effect: 'release', by: EVIDENCE },
    sent: { effect: 'none', by: ['officer'] },
    settled: { effect: 'pay', by: ['bank_report'] },
  },
  settled: {
    return_requested: { effect: 'none', by: ['officer'] },
    // @clause a settled payout is returned only on a bank report (camt.054) or four eyes
    returned: { effect: 'refund', by: ['bank_report'] },
  },
  return_requested: {
    returned: { effect: 'refund', by: EVIDENCE },
    settled: { effect: 'none', by: ['officer'] },
  },
  failed: {},
  returned: {},
  disbursed: {},
};

/** The ledger effect of `from → to`, or undefined when the transition is illegal. */
// @clause the payout states of a bank transfer and of cash, and what each move posts
export function transitionEffect(from: PayoutStatus, to: PayoutStatus): LedgerEffect | undefined {
  return TRANSITIONS[from][to]?.effect;
}

/** Whether `authority` may make the step `from → to` (false also when the step is illegal). */
export function mayTransition(from: PayoutStatus, to: PayoutStatus, authority: Authority): boolean {
  return TRANSITIONS[from][to]?.by.includes(authority) ?? false;
}

/** States from which `to` may be reached. */
export function statesLeadingTo(to: PayoutStatus): PayoutStatus[] {
  return PAYOUT_STATUSES.filter((s) => TRANSITIONS[s][to] !== undefined);
}

/** A failure or return waiting for a second person, and the state a rejection goes back to. */
export const REQUEST_STATES = {
  fail: { requested: 'failure_requested', done: 'failed', back: 'sent' },
  return: { requested: 'return_requested', done: 'returned', back: 'settled' },
} as const;
export type ChangeRequestKind = keyof typeof REQUEST_STATES;

/**
 * Money of these payouts has reached the beneficiary (a requested return is not a return yet).
 * Stored statuses are compared against these lists in SQL.
 */
export const PAID_STATUSES: readonly PayoutStatus[] = ['settled', 'return_requested', 'disbursed'];
/** Requested, reserved or in a bank's hands, not yet paid: still counts against the claim's cap. */
export const PENDING_STATUSES: readonly PayoutStatus[] = [
  'pending_approval',
  'approved',
  'sent',
  'failure_requested',
];
/** Money of these payouts counts against the claim's cap (pending, reserved or paid). */
export const COMMITTED_STATUSES: readonly PayoutStatus[] = [...PENDING_STATUSES, ...PAID_STATUSES];
