import { Param, ParseUUIDPipe } from '@nestjs/common';
import { commonErrors } from '#shared';

/** A uuid path parameter; anything else is a 400 `validation-failed` naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        commonErrors.error('validation-failed', `Invalid fields: ${name}`, [
          { field: name, message: 'must be a UUID' },
        ]),
    }),
  );
