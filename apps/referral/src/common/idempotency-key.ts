import { commonErrors } from '#shared';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header as given, or undefined; a malformed key is a 400 naming the header. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) {
    throw commonErrors.error('validation-failed', 'Invalid Idempotency-Key header', [
      { field: 'Idempotency-Key', message: 'must be 1-200 printable ASCII characters' },
    ]);
  }
  return header;
}

/** How the header is described in the OpenAPI documents of the POSTs that take it. */
export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    '1-200 printable ASCII characters, unique per organisation; a retry with the same key and body returns the first answer',
} as const;
