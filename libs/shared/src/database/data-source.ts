import { DataSource, type MigrationInterface, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from 'pino';
import { PreparingClient } from './prepared-statements.js';

/** What a service tells the platform about its data. */
export interface DatabaseDefinition {
  /** The service's schema; also the name its role owns. Stored in the database: never rename. */
  schema: string;
  /** Entity classes (listed as classes, not globs: TypeORM 1.x). */
  entities: MixedList<Function | string | EntitySchema>;
  /** Migration classes, in order. */
  migrations: (new () => MigrationInterface)[];
}

/**
 * A schema-scoped data source: every table lives in the service's own schema, the migrations table
 * too, and `synchronize` is never on. The connection's `search_path` is the service schema only, so
 * an unqualified name can never reach another service's tables (its role has no rights there anyway).
 */
export function createDataSource(
  url: string,
  def: DatabaseDefinition,
  poolSize: number,
  applicationName: string,
  /** The bounded wait for a pooled connection (DATABASE_POOL_WAIT_MS); beyond it, `503 overloaded`. */
  poolWaitMs = 5000,
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema: def.schema,
    entities: def.entities,
    migrations: def.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName,
    poolSize,
    extra: {
      // Parameterised statements run prepared (parsed and planned once per connection).
      Client: PreparingClient,
      max: poolSize,
      connectionTimeoutMillis: poolWaitMs,
      idleTimeoutMillis: 30_000,
      options: `-c search_path=${def.schema} -c statement_timeout=30000`,
    },
  });
}

/**
 * Runs pending migrations under a Postgres advisory lock, so several instances starting together
 * never run them twice (TypeORM has no lock of its own: typeorm#4588).
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  schema: string,
  logger?: Logger,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`nrm.migrations.${schema}`]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) logger?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`nrm.migrations.${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Gives the runtime role the row rights on every table and sequence of the schema (idempotent), so
 * tables a migration created are usable by the service at once, whatever default privileges the
 * database has. Only data rights: no TRUNCATE, no DDL, no ownership.
 */
async function grantRuntimeRights(migrator: DataSource, schema: string, runtimeRole: string): Promise<void> {
  const s = `"${schema.replace(/"/g, '""')}"`;
  const r = `"${runtimeRole.replace(/"/g, '""')}"`;
  await migrator.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await migrator.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await migrator.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
}

/**
 * Connects and migrates, retrying with capped exponential backoff while Postgres is unreachable.
 * Migrations run through `migrator` (the schema owner's role) when given, which is then closed; the
 * service's own data source (its runtime role, without DDL rights) serves everything else.
 * Resolves once the schema is migrated; never throws for a connection problem, only logs it.
 */
export async function connectWithRetry(
  dataSource: DataSource,
  schema: string,
  logger: Logger,
  shouldStop: () => boolean = () => false,
  migrator?: DataSource,
  afterMigrations?: (ds: DataSource) => Promise<void>,
): Promise<boolean> {
  let attempt = 0;
  while (!shouldStop()) {
    try {
      if (!dataSource.isInitialized) await dataSource.initialize();
      if (migrator) {
        if (!migrator.isInitialized) await migrator.initialize();
        await runMigrationsLocked(migrator, schema, logger);
        await afterMigrations?.(migrator);
        const [{ runtime, owner }] = await dataSource.query<{ runtime: string; owner: string }[]>(
          'SELECT current_user AS runtime, (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = $1) AS owner',
          [schema],
        );
        if (runtime !== owner?.replace(/^"|"$/g, '')) await grantRuntimeRights(migrator, schema, runtime);
        await migrator.destroy();
      } else {
        await runMigrationsLocked(dataSource, schema, logger);
        await afterMigrations?.(dataSource);
      }
      return true;
    } catch (err) {
      attempt++;
      const delay = Math.min(200 * 2 ** attempt, 10_000) * (0.8 + Math.random() * 0.4);
      logger.warn(
        { err: (err as Error).message, attempt, delayMs: Math.round(delay) },
        'postgres not ready; retrying',
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  return false;
}
