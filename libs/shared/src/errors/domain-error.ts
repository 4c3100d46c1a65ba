/**
 * One problem with one field of a request, as shown in a problem+json `errors` list.
 * `field` is a dotted path (`person.citizenship`); `message` never echoes the submitted value.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Base of every domain error. `code` becomes the problem+json `type`; `status` is chosen by the
 * capability's exhaustive code map (see {@link defineErrorCodes}). `detail` is shown to the caller,
 * so it must never contain personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

/**
 * Declares a capability's error codes with their HTTP statuses and titles. Because the map is typed
 * `Record<Code, …>`, adding a code to the union without mapping it does not compile.
 *
 * ```ts
 * type HandoverErrorCode = 'handover-recipient-not-allowed' | 'illegal-transition';
 * export const handoverErrors = defineErrorCodes<HandoverErrorCode>({
 *   'handover-recipient-not-allowed': { status: 422, title: 'Handover recipient not allowed' },
 *   'illegal-transition': { status: 409, title: 'Illegal state transition' },
 * });
 * throw handoverErrors.error('illegal-transition', 'A referral that is handed over cannot be handed over again');
 * ```
 */
export function defineErrorCodes<Code extends string>(map: Record<Code, { status: number; title: string }>) {
  for (const [code, { status, title }] of Object.entries(map) as [
    Code,
    { status: number; title: string },
  ][]) {
    errorTitles.set(code, title);
    errorStatuses.set(code, status);
  }
  return {
    map,
    error(code: Code, detail: string, errors?: FieldProblem[]): DomainError {
      return new DomainError(code, map[code].status, detail, errors);
    },
  };
}

/** Titles of every code registered through {@link defineErrorCodes}, used by the problem filter. */
export const errorTitles = new Map<string, string>();

/** HTTP status of every code registered through {@link defineErrorCodes} (for the OpenAPI document). */
export const errorStatuses = new Map<string, number>();

/** Codes shared by all services. */
export type CommonErrorCode =
  | 'validation-failed'
  | 'not-found'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'illegal-transition'
  | 'idempotency-key-reused'
  | 'idempotency-key-required'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'bad-request'
  | 'method-not-allowed'
  | 'internal-error'
  | 'service-unavailable'
  | 'overloaded';

export const commonErrors = defineErrorCodes<CommonErrorCode>({
  'validation-failed': { status: 400, title: 'Validation failed' },
  'not-found': { status: 404, title: 'Not found' },
  forbidden: { status: 403, title: 'Forbidden' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  conflict: { status: 409, title: 'Conflict' },
  'illegal-transition': { status: 409, title: 'Illegal state transition' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused with a different request' },
  'idempotency-key-required': { status: 400, title: 'Idempotency-Key header required' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'bad-request': { status: 400, title: 'Bad request' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'internal-error': { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  overloaded: { status: 503, title: 'Overloaded' },
});
