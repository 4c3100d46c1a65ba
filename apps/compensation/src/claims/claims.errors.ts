import { defineErrorCodes } from '#shared';

export type ClaimsErrorCode =
  | 'not-found'
  | 'claim-exists'
  | 'duplicate-court-decision'
  | 'recovery-exists'
  | 'recorder-cannot-confirm'
  | 'decision-already-confirmed'
  | 'unknown-superseded-decision'
  | 'decision-already-superseded';

/** Error codes of claims, court decisions and recoveries. */
export const claimsErrors = defineErrorCodes<ClaimsErrorCode>({
  'not-found': { status: 404, title: 'Not found' },
  'claim-exists': { status: 409, title: 'A claim for this victim and case already exists' },
  'duplicate-court-decision': { status: 409, title: 'This court decision is already recorded on the claim' },
  'recorder-cannot-confirm': {
    status: 422,
    title: 'The person who recorded a court decision cannot confirm it',
  },
  'decision-already-confirmed': {
    status: 409,
    title: 'This court decision is already confirmed by someone else',
  },
  'unknown-superseded-decision': {
    status: 422,
    title: 'The decision to supersede is not a decision of this claim',
  },
  'decision-already-superseded': {
    status: 409,
    title: 'The decision to supersede is already superseded by another',
  },
  'recovery-exists': { status: 409, title: 'This recovery is already recorded' },
});
