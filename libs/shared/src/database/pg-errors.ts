/**
 * The Postgres error behind a failed query: its SQLSTATE `code` and the `constraint` that refused the
 * write, read from the driver error (TypeORM wraps it in QueryFailedError as `driverError` and also
 * copies the fields onto the wrapper). `undefined` for anything that is not an object.
 */
export function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as {
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
  };
  const src = e.driverError ?? e;
  return {
    code: typeof src.code === 'string' ? src.code : undefined,
    constraint: typeof src.constraint === 'string' ? src.constraint : undefined,
  };
}

/** SQLSTATEs the services act on (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PG_ERROR = {
  foreignKeyViolation: '23503',
  uniqueViolation: '23505',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

function violates(code: string, err: unknown, constraint?: string | RegExp): boolean {
  const pg = pgError(err);
  if (pg?.code !== code) return false;
  if (constraint === undefined) return true;
  return typeof constraint === 'string' ? pg.constraint === constraint : constraint.test(pg.constraint ?? '');
}

/** A unique key refused the write (23505); with `constraint`, that one (a name or a pattern). */
export const isUniqueViolation = (err: unknown, constraint?: string | RegExp): boolean =>
  violates(PG_ERROR.uniqueViolation, err, constraint);

/** A CHECK (or a trigger raising 23514) refused the write; with `constraint`, that one. */
export const isCheckViolation = (err: unknown, constraint?: string | RegExp): boolean =>
  violates(PG_ERROR.checkViolation, err, constraint);

/** A foreign key refused the write (23503); with `constraint`, that one. */
export const isForeignKeyViolation = (err: unknown, constraint?: string | RegExp): boolean =>
  violates(PG_ERROR.foreignKeyViolation, err, constraint);

/** An exclusion constraint refused the write (23P01); with `constraint`, that one. */
export const isExclusionViolation = (err: unknown, constraint?: string | RegExp): boolean =>
  violates(PG_ERROR.exclusionViolation, err, constraint);

/** Postgres aborted the transaction as a deadlock victim or a serialization failure: run it again. */
export function isRetryableConflict(err: unknown): boolean {
  const code = pgError(err)?.code;
  return code === PG_ERROR.deadlockDetected || code === PG_ERROR.serializationFailure;
}
