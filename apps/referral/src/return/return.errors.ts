import { defineErrorCodes } from '#shared';

export type ReturnErrorCode = 'not-a-foreign-victim' | 'against-victims-wish';
export const returnErrors = defineErrorCodes<ReturnErrorCode>({
  'not-a-foreign-victim': {
    status: 422,
    title: 'A return case is for a victim who is not a citizen of Azerbaijan',
  },
  // with: repatriation never against the victim's will.
  'against-victims-wish': { status: 409, title: 'The victim does not wish to return' },
});
