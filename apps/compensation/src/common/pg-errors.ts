/** The Postgres error behind a failed query, if any (TypeORM wraps it in QueryFailedError). */
export function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const src = e.driverError ?? e;
  return {
    code: typeof src.code === 'string' ? src.code : undefined,
    constraint: typeof src.constraint === 'string' ? src.constraint : undefined,
  };
}

/** A unique key refused the write (23505), optionally a given constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = pgError(err);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** A CHECK refused the write (23514), optionally a given constraint. */
export function isCheckViolation(err: unknown, constraint?: string): boolean {
  const pg = pgError(err);
  return pg?.code === '23514' && (constraint === undefined || pg.constraint === constraint);
}
