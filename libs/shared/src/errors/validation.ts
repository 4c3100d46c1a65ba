import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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
  return new TextSafeValidationPipe({
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

/** Paths of every string under `value` that contains a NUL character (Postgres text cannot hold one). */
function nulFields(value: unknown, path: string, out: string[], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path || 'value');
  } else if (value !== null && typeof value === 'object' && depth < 32) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const field = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      nulFields(v, field, out, depth + 1);
    }
  }
  return out;
}

/**
 * The validation pipe, plus one rule for every input whatever its type (bodies, query strings, path
 * parameters, typed or not): a NUL character is refused as `validation-failed` naming the field, so it
 * never reaches Postgres (which would answer with an encoding error, a 500).
 */
class TextSafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = nulFields(value, metadata.data ?? '', []);
      if (fields.length > 0) {
        throw commonErrors.error(
          'validation-failed',
          `Invalid fields: ${[...new Set(fields)].join(', ')}`,
          fields.map((field) => ({ field, message: 'must not contain a NUL character' })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}
