import { defineErrorCodes } from '#shared';

export type ReferralErrorCode = 'unknown-organisation';
export const referralErrors = defineErrorCodes<ReferralErrorCode>({
  'unknown-organisation': { status: 403, title: "The caller's organisation is not registered" },
});
