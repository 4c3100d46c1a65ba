import { defineErrorCodes } from '#shared';

export type ConsentErrorCode = 'guardian-required';
export const consentErrors = defineErrorCodes<ConsentErrorCode>({
  // a child's consent is given by a guardian or legal representative; an adult's by the victim.
  'guardian-required': { status: 422, title: 'This consent cannot be given by this person' },
});
