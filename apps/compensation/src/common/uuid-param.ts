import { ParseUUIDPipe } from '@nestjs/common';
import { commonErrors } from '#shared';

/** Parses a UUID path parameter; anything else is `400 validation-failed` naming the parameter. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => commonErrors.error('validation-failed', `Invalid fields: ${name}`, [{ field: name, message: 'must be a UUID' }]),
  });
}
