import type { PayoutApprovedV1 } from '#shared';
import type { Payout } from './payout.entity.js';

/**
 * The fields every payout event carries: the payout, the claim, the victim's pseudonym, the amount
 * and the method. Never the beneficiary's name, IBAN or identity document.
 */
export function payoutEventData(p: Payout, by: string): PayoutApprovedV1 {
  return {
    payoutId: p.id,
    claimId: p.claimId,
    victimRef: p.victimRef,
    amountMinor: p.amountMinor,
    currency: 'AZN',
    method: p.method,
    by,
  };
}
