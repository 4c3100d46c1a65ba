import { defineErrorCodes } from '#shared';

export type RecipientErrorCode = 'validation-failed' | 'conflict' | 'not-found' | 'address-not-allowed';

/** Error codes of the recipients capability (docs/architecture.md, "Errors"). */
export const recipientErrors = defineErrorCodes<RecipientErrorCode>({
  'validation-failed': { status: 400, title: 'Validation failed' },
  conflict: { status: 409, title: 'Conflict' },
  'not-found': { status: 404, title: 'Not found' },
  'address-not-allowed': { status: 422, title: 'Address not allowed' },
});
