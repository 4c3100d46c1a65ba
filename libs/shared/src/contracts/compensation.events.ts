import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
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
