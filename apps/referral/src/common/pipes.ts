import { ParseUUIDPipe } from '@nestjs/common';
import { commonErrors } from '#shared';

/** Parses a uuid path parameter; a malformed one is a 400 `validation-failed` naming the parameter. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      commonErrors.error('validation-failed', `Invalid ${name}`, [
        { field: name, message: 'must be a UUID' },
      ]),
  });
}
