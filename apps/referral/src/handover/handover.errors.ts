import { defineErrorCodes } from '#shared';

export type HandoverErrorCode = 'handover-recipient-not-allowed';
export const handoverErrors = defineErrorCodes<HandoverErrorCode>({
  // only the special police unit's officer on duty may receive a handover.
  'handover-recipient-not-allowed': { status: 422, title: 'Handover recipient not allowed' },
});
