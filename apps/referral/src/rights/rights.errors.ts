import { defineErrorCodes } from '#shared';

export type RightsErrorCode = 'legal-aid-provider-unknown' | 'legal-aid-org-taken';
export const rightsErrors = defineErrorCodes<RightsErrorCode>({
  'legal-aid-provider-unknown': { status: 422, title: 'Unknown or inactive legal aid provider' },
  'legal-aid-org-taken': { status: 409, title: 'Another legal aid provider has this organisation code' },
});
