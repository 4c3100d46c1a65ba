import { defineErrorCodes } from '#shared';

export type PayoutsErrorCode =
  | 'not-found'
  | 'validation-failed'
  | 'idempotency-key-required'
  | 'idempotency-key-reused'
  | 'maker-cannot-approve'
  | 'illegal-transition'
  | 'fund-payment-not-ordered'
  | 'exceeds-fund-liability'
  | 'receipt-number-used'
  | 'payout-not-batchable'
  | 'change-request-pending'
  | 'no-change-request'
  | 'requester-cannot-confirm'
  | 'maker-cannot-confirm'
  | 'method-not-chosen-by-victim';

/** Error codes of payouts and batches. */
export const payoutsErrors = defineErrorCodes<PayoutsErrorCode>({
  'not-found': { status: 404, title: 'Not found' },
  'validation-failed': { status: 400, title: 'Validation failed' },
  'idempotency-key-required': { status: 400, title: 'Idempotency-Key header required' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused with a different request' },
  'maker-cannot-approve': { status: 422, title: 'The maker of a payout cannot approve it' },
  'illegal-transition': { status: 409, title: 'Illegal state transition' },
  'fund-payment-not-ordered': { status: 409, title: 'No court decision orders the Fund to pay' },
  'exceeds-fund-liability': { status: 409, title: 'Amount exceeds what the Fund may pay on this claim' },
  'receipt-number-used': { status: 409, title: 'This receipt number is already used' },
  'payout-not-batchable': { status: 409, title: 'Payouts cannot be batched' },
  'change-request-pending': { status: 409, title: 'A change request on this payout waits for confirmation' },
  'no-change-request': { status: 409, title: 'No such change request is waiting on this payout' },
  'requester-cannot-confirm': { status: 422, title: 'The requester of a change cannot confirm it' },
  'maker-cannot-confirm': { status: 422, title: 'The maker of a payout cannot confirm a change to it' },
  'method-not-chosen-by-victim': { status: 422, title: 'The payment method must be the victim’s choice' },
});
