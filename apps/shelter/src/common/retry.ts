/** Postgres SQLSTATEs after which a transaction can simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

/** The SQLSTATE behind an error (TypeORM wraps the driver error in QueryFailedError). */
export function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e.driverError?.code ?? e.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs a transaction again when Postgres aborted it as a deadlock victim. A lifecycle step may lock
 * two facilities (the one freeing a bed and the one the victim is offered next), so two steps in
 * opposite directions can deadlock; Postgres aborts one, and running it again succeeds.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !RETRYABLE.has(sqlState(err) ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
