import { NotFoundException } from '@nestjs/common';
import { DomainError, commonErrors } from './domain-error.js';
import { toProblem } from './problem.filter.js';

describe(toProblem.name, () => {
  it('renders a domain error with its code, status and field errors', () => {
    const p = toProblem(
      commonErrors.error('validation-failed', 'Invalid fields: x', [
        { field: 'x', message: 'must be a string' },
      ]),
    );
    expect(p).toEqual({
      type: 'validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'Invalid fields: x',
      errors: [{ field: 'x', message: 'must be a string' }],
    });
  });

  it('hides an unexpected error behind a 500 with an error id', () => {
    const p = toProblem(new Error('secret internals: Aysel Mammadova'));
    expect(p.status).toBe(500);
    expect(p.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(p)).not.toContain('Aysel');
  });

  it('answers 503, not 500, when Postgres is unreachable or restarting', () => {
    for (const err of [
      Object.assign(new Error('Connection terminated unexpectedly'), {}),
      Object.assign(new Error('x'), {
        driverError: { code: '57P01', message: 'terminating connection due to administrator command' },
      }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ]) {
      expect(toProblem(err)).toMatchObject({ status: 503, type: 'service-unavailable' });
    }
  });

  it('answers 503 overloaded, not "not ready", when the pool or Postgres has no connection free', () => {
    for (const err of [
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('x'), {
        driverError: { code: '53300', message: 'sorry, too many clients already' },
      }),
      Object.assign(new Error('x'), { cause: new Error('timeout exceeded when trying to connect') }),
    ]) {
      expect(toProblem(err)).toMatchObject({ status: 503, type: 'overloaded' });
    }
    expect(toProblem(commonErrors.error('overloaded', 'busy'))).toMatchObject({
      status: 503,
      type: 'overloaded',
    });
  });

  it('never echoes the body of a request the parser refused', () => {
    const p = toProblem(
      Object.assign(new SyntaxError('Unexpected token A in JSON: {"givenName":"Aysel'), { statusCode: 400 }),
    );
    expect(p).toMatchObject({
      status: 400,
      type: 'bad-request',
      detail: 'The request body is not valid JSON',
    });
    expect(
      toProblem(Object.assign(new Error('too big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })),
    ).toMatchObject({ status: 413, type: 'payload-too-large' });
  });

  it('maps framework HTTP exceptions to their codes', () => {
    expect(toProblem(new NotFoundException('Cannot GET /v1/x'))).toMatchObject({
      status: 404,
      type: 'not-found',
    });
    expect(new DomainError('forbidden', 403, 'no').status).toBe(403);
  });
});
