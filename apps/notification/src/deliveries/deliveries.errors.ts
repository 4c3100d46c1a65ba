import { defineErrorCodes } from '#shared';

export type DeliveryErrorCode = 'validation-failed' | 'not-found' | 'illegal-transition';

/** Error codes of the delivery log (docs/architecture.md, "Errors"). */
export const deliveryErrors = defineErrorCodes<DeliveryErrorCode>({
  'validation-failed': { status: 400, title: 'Validation failed' },
  'not-found': { status: 404, title: 'Not found' },
  'illegal-transition': { status: 409, title: 'Illegal state transition' },
});
