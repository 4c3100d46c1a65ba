import { defineErrorCodes } from '#shared';

export type ServiceRequestErrorCode = 'consent-required';
export const serviceRequestErrors = defineErrorCodes<ServiceRequestErrorCode>({
  // no examination or rehabilitation measure without the victim's consent.
  'consent-required': { status: 409, title: "The victim's consent is required" },
});
