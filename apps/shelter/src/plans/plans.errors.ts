import { defineErrorCodes } from '#shared';

export type PlanErrorCode =
  | 'not-found'
  | 'forbidden'
  | 'validation-failed'
  | 'consent-required'
  | 'plan-exists'
  | 'stale-version'
  | 'illegal-transition';

/** Error codes of the individual plans capability, each mapped to its HTTP status. */
export const planErrors = defineErrorCodes<PlanErrorCode>({
  'not-found': { status: 404, title: 'Not found' },
  forbidden: { status: 403, title: 'Forbidden' },
  'validation-failed': { status: 400, title: 'Validation failed' },
  'consent-required': { status: 409, title: "The victim's consent is required" },
  'plan-exists': { status: 409, title: 'The victim already has a plan at this assistance centre' },
  'stale-version': { status: 409, title: 'The plan was changed by someone else; reload it' },
  'illegal-transition': { status: 409, title: 'Illegal state transition' },
});
