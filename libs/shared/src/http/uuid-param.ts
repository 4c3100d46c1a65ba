import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { commonErrors } from '../errors/domain-error.js';

/**
 * The pipe behind {@link UuidParam}: a value that is not a UUID is a `400 validation-failed` naming
 * the parameter (never a lookup of garbage, never a 500).
 */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      commonErrors.error('validation-failed', `Invalid fields: ${name}`, [
        { field: name, message: 'must be a UUID' },
      ]),
  });
}

/**
 * A UUID path parameter, `@UuidParam('id') id: string`: parsed by {@link uuidPipe} and declared in
 * the OpenAPI document as `format: uuid`.
 */
export function UuidParam(name = 'id'): ParameterDecorator {
  const param = Param(name, uuidPipe(name));
  return (target, key, index) => {
    param(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiParam({ name, type: String, format: 'uuid' })(target, key, descriptor);
  };
}
