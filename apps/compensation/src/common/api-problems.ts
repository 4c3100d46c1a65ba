import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The problem+json body every 4xx carries. */
function problemSchema(types: readonly string[]) {
  return {
    type: 'object',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', enum: [...types] },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      errors: {
        type: 'array',
        items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
      },
    },
  };
}

/**
 * Declares an operation's error responses: per status, the problem `type` codes it may answer
 * (always with 400 validation-failed, 401 and 403 for an authenticated `/v1` route).
 */
export function ApiProblems(responses: Record<number, readonly string[]>): MethodDecorator {
  const all: Record<number, readonly string[]> = {
    400: ['validation-failed'],
    401: ['unauthorized'],
    403: ['forbidden'],
    ...responses,
  };
  return applyDecorators(
    ...Object.entries(all).map(([status, types]) =>
      ApiResponse({
        status: Number(status),
        description: types.join(', '),
        content: { 'application/problem+json': { schema: problemSchema(types) } },
      }),
    ),
  );
}
