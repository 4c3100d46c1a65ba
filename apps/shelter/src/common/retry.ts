import { isRetryableConflict } from '#shared';

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
      if (attempt >= attempts || !isRetryableConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
