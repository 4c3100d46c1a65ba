import { defineErrorCodes } from '#shared';

export type ServiceRequestErrorCode = 'consent-required' | 'provider-not-allowed';
export const serviceRequestErrors = defineErrorCodes<ServiceRequestErrorCode>({
  // no examination or rehabilitation measure without the victim's consent.
  'consent-required': { status: 409, title: "The victim's consent is required" },
  // a request goes to a body that provides the service.
  'provider-not-allowed': { status: 422, title: 'This provider cannot be addressed for this service' },
});
