import { defineErrorCodes } from '#shared';

export type ReferralErrorCode = 'unknown-organisation' | 'person-already-known';
export const referralErrors = defineErrorCodes<ReferralErrorCode>({
  'unknown-organisation': { status: 403, title: "The caller's organisation is not registered" },
  'person-already-known': { status: 409, title: 'The referral already has its person' },
});
