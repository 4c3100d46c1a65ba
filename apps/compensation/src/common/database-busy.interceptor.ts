import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { commonErrors } from '#shared';

/**
 * When no database connection frees up in time (a burst beyond what the pool can serve), the caller
 * gets `503 overloaded` (retry after Retry-After) instead of a 500: nothing was written.
 */
@Injectable()
export class DatabaseBusyInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof Error && err.message === 'timeout exceeded when trying to connect') {
          throw commonErrors.error('overloaded', 'The database is busy; retry shortly');
        }
        throw err;
      }),
    );
  }
}
