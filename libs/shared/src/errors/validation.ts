import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { commonErrors, type FieldProblem } from './domain-error.js';

/** Flattens class-validator errors to `{ field, message }` with dotted paths; values are never echoed. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      // class-validator's whitelist message quotes the property name only; safe to show.
      out.push({ field, message: message.replace(/^property \S+ /, '') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The global validation pipe: whitelisting, unknown fields refused, payload transformed to the DTO
 * class; any failure is a 400 `validation-failed` naming each bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const problems = flattenValidationErrors(errors);
      return commonErrors.error(
        'validation-failed',
        `Invalid fields: ${[...new Set(problems.map((p) => p.field))].join(', ')}`,
        problems,
      );
    },
  });
}
