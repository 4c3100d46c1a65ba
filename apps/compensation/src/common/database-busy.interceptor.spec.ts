import { lastValueFrom, throwError } from 'rxjs';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { DomainError } from '#shared';
import { DatabaseBusyInterceptor } from './database-busy.interceptor.js';

const run = (err: Error) =>
  lastValueFrom(
    new DatabaseBusyInterceptor().intercept(
      {} as ExecutionContext,
      { handle: () => throwError(() => err) } as CallHandler,
    ),
  );

describe(DatabaseBusyInterceptor.name, () => {
  it('turns an exhausted connection pool into 503 overloaded', async () => {
    await expect(run(new Error('timeout exceeded when trying to connect'))).rejects.toMatchObject({
      code: 'overloaded',
      status: 503,
    });
  });

  it('passes every other error through unchanged', async () => {
    const other = new Error('boom');
    await expect(run(other)).rejects.toBe(other);
    const domain = new DomainError('not-found', 404, 'x');
    await expect(run(domain)).rejects.toBe(domain);
  });
});
