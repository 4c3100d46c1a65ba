import { defineErrorCodes } from '#shared';

export type DeliveryErrorCode = 'validation-failed' | 'not-found';

/** Error codes of the delivery log (ARCHITECTURE.md "Errors"). */
export const deliveryErrors = defineErrorCodes<DeliveryErrorCode>({
  'validation-failed': { status: 400, title: 'Validation failed' },
  'not-found': { status: 404, title: 'Not found' },
});
