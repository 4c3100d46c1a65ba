import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { defineEvent } from './event-contract.js';

export const PAYOUT_METHODS = ['bank_transfer', 'cash'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/**
 * Fields every payout event carries. No beneficiary name, no IBAN: those stay in the
 * compensation service, encrypted.
 */
class PayoutEventV1 {
  @IsUUID() payoutId!: string;
  @IsUUID() claimId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  /** Integer minor units (qəpik). */
  @IsInt() @Min(1) amountMinor!: number;
  @IsIn(['AZN']) currency!: 'AZN';
  /** As the victim chose. */
  @IsIn(PAYOUT_METHODS) method!: PayoutMethod;
  /** Who did this step (officer id), for the Fund's audit trail. */
  @IsString() @Length(1, 100) by!: string;
}

export class PayoutRequestedV1 extends PayoutEventV1 {}
export const PayoutRequested = defineEvent('compensation.payout.requested', 1, PayoutRequestedV1);

export class PayoutApprovedV1 extends PayoutEventV1 {}
export const PayoutApproved = defineEvent('compensation.payout.approved', 1, PayoutApprovedV1);

export class PayoutSettledV1 extends PayoutEventV1 {
  /** `settled` for a bank transfer, `disbursed` for cash. */
  @IsIn(['settled', 'disbursed']) outcome!: 'settled' | 'disbursed';
}
export const PayoutSettled = defineEvent('compensation.payout.settled', 1, PayoutSettledV1);

export class PayoutFailedV1 extends PayoutEventV1 {
  /** `failed` or `returned`. */
  @IsIn(['failed', 'returned']) outcome!: 'failed' | 'returned';
  /** Reason code from the bank or officer; never personal data. */
  @IsOptional() @IsString() @Length(0, 200) reason?: string;
}
export const PayoutFailed = defineEvent('compensation.payout.failed', 1, PayoutFailedV1);

/** What changed a claim's figures. Stored in events: never rename, only add. */
export const CLAIM_CHANGES = ['opened', 'decision_confirmed', 'recovery_recorded'] as const;
export type ClaimChange = (typeof CLAIM_CHANGES)[number];

/**
 * A claim was opened, or a court decision on it was confirmed, or a recovery from the traffickers'
 * property was recorded (R-3.6, R-3.8): the claim's sums as they now stand, for the commission's
 * annual report (R-2.4). Amounts only: no case number, court, decision number, reference or person.
 * What the Fund paid is carried by the payout events.
 */
export class ClaimChangedV1 {
  @IsUUID() claimId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsIn(CLAIM_CHANGES) change!: ClaimChange;
  /**
   * Grows by one with every change of the claim's figures (confirmed decisions plus recoveries), so a
   * consumer keeps the highest it has seen, whatever the order of arrival.
   */
  @IsInt() @Min(0) revision!: number;
  /** Awarded by the confirmed court decisions in force (qəpik). */
  @IsInt() @Min(0) awardedMinor!: number;
  /** Recovered from the traffickers' property (qəpik). */
  @IsInt() @Min(0) recoveredMinor!: number;
  /** Whether a decision in force orders the Fund to pay. */
  @IsBoolean() fundPaymentOrdered!: boolean;
  @IsIn(['AZN']) currency!: 'AZN';
}
export const ClaimChanged = defineEvent('compensation.claim.changed', 1, ClaimChangedV1, {
  description:
    'The sums of a claim (awarded by confirmed court decisions in force, recovered) after it was opened, a decision confirmed or a recovery recorded; for the reporting service (R-2.4). No case number, court or reference.',
});
