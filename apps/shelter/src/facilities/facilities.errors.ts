import { defineErrorCodes } from '#shared';

export type FacilityErrorCode =
  'not-found' | 'forbidden' | 'facility-code-taken' | 'capacity-below-occupancy';

/** Error codes of the facilities capability, each mapped to its HTTP status. */
export const facilityErrors = defineErrorCodes<FacilityErrorCode>({
  'not-found': { status: 404, title: 'Not found' },
  forbidden: { status: 403, title: 'Forbidden' },
  'facility-code-taken': { status: 409, title: 'Facility code already in use' },
  'capacity-below-occupancy': { status: 409, title: 'Capacity below the beds occupied and held' },
});
