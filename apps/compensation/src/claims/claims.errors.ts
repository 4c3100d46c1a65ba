import { defineErrorCodes } from '#shared';

export type ClaimsErrorCode = 'not-found' | 'claim-exists' | 'court-decision-exists' | 'recovery-exists';

/** Error codes of claims, court decisions and recoveries. */
export const claimsErrors = defineErrorCodes<ClaimsErrorCode>({
  'not-found': { status: 404, title: 'Not found' },
  'claim-exists': { status: 409, title: 'A claim for this victim and case already exists' },
  'court-decision-exists': { status: 409, title: 'This court decision is already recorded' },
  'recovery-exists': { status: 409, title: 'This recovery is already recorded' },
});
