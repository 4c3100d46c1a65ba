import { defineErrorCodes } from '#shared';

export type RosterErrorCode = 'no-officer-on-duty' | 'roster-overlap';
export const rosterErrors = defineErrorCodes<RosterErrorCode>({
  'no-officer-on-duty': { status: 404, title: 'No duty officer is on duty now' },
  'roster-overlap': { status: 409, title: 'Shifts overlap' },
});
