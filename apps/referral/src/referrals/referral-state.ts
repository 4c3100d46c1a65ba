import type { ReferralStatus } from '../common/vocabulary.js';

/**
 * The referral's life: reported → handover_pending → handed_over → identified_victim | not_a_victim,
 * and from any of them → closed (with a reason: personal data is erased after the retention period).
 * A pending handover may be requested again (e.g. to the next duty officer after a shift change).
 */
const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  reported: ['handover_pending', 'closed'],
  handover_pending: ['handover_pending', 'handed_over', 'closed'],
  handed_over: ['identified_victim', 'not_a_victim', 'closed'],
  identified_victim: ['closed'],
  not_a_victim: ['closed'],
  closed: [],
};

// @clause a referral cannot skip the handover to the duty officer
export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses in which the 24-hour handover clock runs. */
export const AWAITING_HANDOVER: readonly ReferralStatus[] = ['reported', 'handover_pending'];

/** {@link AWAITING_HANDOVER} as SQL literals, written into statements so that the partial indexes on the same list apply. */
export const AWAITING_HANDOVER_SQL = AWAITING_HANDOVER.map((s) => `'${s}'`).join(', ');
