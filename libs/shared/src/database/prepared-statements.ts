import pg from 'pg';

/** How many statements one connection keeps prepared; beyond it, statements run unnamed. */
export const PREPARED_PER_CONNECTION = 200;

/**
 * A `pg` client that runs every parameterised statement as a named (server-side prepared) statement,
 * so Postgres parses it once per connection and, once its generic plan costs no more than the custom
 * ones (`plan_cache_mode = auto`), stops planning it on every call. Measured on intake's one
 * statement: the same statement through `pg`, 32 connections, ~1 000 tx/s unnamed and ~1 770 tx/s
 * named (bench/README.md); with `plan_cache_mode = force_custom_plan` the gain was nil, so the time
 * saved is the planning of large CTEs.
 *
 * Each text gets a name of its own on this connection (`nrm_<n>`), so two texts never share one; the
 * names are bounded ({@link PREPARED_PER_CONNECTION}) because texts that vary (a VALUES list of n
 * rows) would otherwise grow them without end. Statements without parameters
 * (`START TRANSACTION`, `COMMIT`, DDL) keep the simple protocol. A new connection starts a new list.
 * TypeORM takes it through the pool's `Client` option.
 */
class Preparing extends pg.Client {
  private readonly names = new Map<string, string>();
  /** Names given on this connection, including forgotten ones (their statements stay prepared). */
  private given = 0;

  // pg's overloads (promise, callback, Submittable) are kept: only (text, values[, callback]) changes.
  override query(...args: unknown[]): never {
    const run = (...a: unknown[]) => (super.query as (...b: unknown[]) => never)(...a);
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = this.nameOf(text);
      if (name !== undefined) {
        const config = { name, text, values };
        if (typeof callback === 'function')
          return run(config, (err: unknown, res: unknown) => {
            this.forgetIfStale(text, err);
            (callback as (e: unknown, r: unknown) => void)(err, res);
          });
        return (run(config) as Promise<unknown>).catch((err: unknown) => {
          this.forgetIfStale(text, err);
          throw err;
        }) as never;
      }
    }
    return run(...args);
  }

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.given < PREPARED_PER_CONNECTION) {
      name = `nrm_${this.given++}`;
      this.names.set(text, name);
    }
    return name;
  }

  /**
   * A statement whose result columns a migration changed (`SELECT p.*` after a column was added)
   * fails with `cached plan must not change result type` on every call under its old name: that one
   * call fails, and the next prepares it again under a new name.
   */
  private forgetIfStale(text: string, err: unknown): void {
    if ((err as { code?: unknown } | undefined)?.code === '0A000') this.names.delete(text);
  }
}

/** {@link Preparing}, with pg's own `Client` type (its `query` overloads unchanged). */
export const PreparingClient: typeof pg.Client = Preparing;
