import { defineErrorCodes } from '#shared';

export type VictimErrorCode = 'access-purpose-required';
export const victimErrors = defineErrorCodes<VictimErrorCode>({
  'access-purpose-required': { status: 400, title: 'A purpose is required to read personal data' },
});
