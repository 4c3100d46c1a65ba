import { defineErrorCodes } from '#shared';

export type TrainingErrorCode =
  | 'not-found'
  | 'forbidden'
  | 'consent-required'
  | 'programme-code-taken'
  | 'programme-full'
  | 'programme-ended'
  | 'already-enrolled'
  | 'illegal-transition';

/** Error codes of the training programmes capability, each mapped to its HTTP status. */
export const trainingErrors = defineErrorCodes<TrainingErrorCode>({
  'not-found': { status: 404, title: 'Not found' },
  forbidden: { status: 403, title: 'Forbidden' },
  'consent-required': { status: 409, title: "The victim's consent is required" },
  'programme-code-taken': { status: 409, title: 'Programme code already in use' },
  'programme-full': { status: 409, title: 'No seat left in the programme' },
  'programme-ended': { status: 409, title: 'The programme has ended' },
  'already-enrolled': { status: 409, title: 'The victim is already enrolled in this programme' },
  'illegal-transition': { status: 409, title: 'Illegal state transition' },
});
