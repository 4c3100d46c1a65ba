import { defineErrorCodes } from '#shared';

export type OrganisationErrorCode = 'organisation-exists';
export const organisationErrors = defineErrorCodes<OrganisationErrorCode>({
  'organisation-exists': { status: 409, title: 'Organisation already exists' },
});
