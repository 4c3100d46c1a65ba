import { defineErrorCodes } from '#shared';

export type PlacementErrorCode = 'not-found' | 'forbidden' | 'illegal-transition' | 'offer-expired';

/** Error codes of the placement capability, each mapped to its HTTP status. */
export const placementErrors = defineErrorCodes<PlacementErrorCode>({
  'not-found': { status: 404, title: 'Not found' },
  forbidden: { status: 403, title: 'Forbidden' },
  'illegal-transition': { status: 409, title: 'Illegal state transition' },
  'offer-expired': { status: 409, title: 'The offer has expired' },
});
