import { defineErrorCodes } from '#shared';

export type RightsErrorCode = 'legal-aid-provider-unknown';
export const rightsErrors = defineErrorCodes<RightsErrorCode>({
  'legal-aid-provider-unknown': { status: 422, title: 'Unknown or inactive legal aid provider' },
});
