import pg from 'pg';
import type { Logger } from 'pino';
import { SessionSeal } from './session-seal.js';
import { SessionStore, type NewSession, type Session } from './session.store.js';

/**
 * Migrations of the console's own schema, in order. Each id is stored in "console".migrations when
 * applied: never rename or edit one that landed, add a new one.
 */
export const CONSOLE_MIGRATIONS: { id: string; up: string; down: string }[] = [
  {
    id: '1796315460300-CreateSessions',
    up: `
      CREATE TABLE "console".sessions (
        id_hash bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
        sealed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_expires_idx ON "console".sessions (expires_at);`,
    down: `DROP TABLE "console".sessions;`,
  },
];

/** Serialises the console instances' migrations (a name stored nowhere but chosen once: keep it). */
const MIGRATION_LOCK = 7_301_000_001;

/** Applies the console's pending migrations as the schema's owner, one instance at a time. */
export async function migrateConsoleSchema(ownerUrl: string, logger: Logger): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS "console".migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ id: string }>('SELECT id FROM "console".migrations')).rows.map((r) => r.id),
    );
    for (const m of CONSOLE_MIGRATIONS.filter((x) => !done.has(x.id))) {
      await client.query('BEGIN');
      try {
        await client.query(m.up);
        await client.query('INSERT INTO "console".migrations (id) VALUES ($1)', [m.id]);
        await client.query('COMMIT');
        logger.info({ migration: m.id }, 'console migration applied');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await client.end();
  }
}

interface Stored {
  sub: string;
  name: string;
  role: Session['role'];
  org: string;
  accessToken: string;
  idToken?: string;
  createdAt: number;
}

/**
 * Sessions in Postgres ("console".sessions): they survive a restart of the console and are shared by
 * every instance behind a load balancer. Each row is keyed by the SHA-256 of the cookie's session id
 * and sealed (AES-256-GCM, see {@link SessionSeal}), because it holds the user's bearer tokens.
 * A session ends at `expires_at`; expired rows are refused when read and deleted every minute by any
 * instance (the delete is idempotent, so several instances need no coordination).
 */
export class PostgresSessionStore extends SessionStore {
  private readonly pool: pg.Pool;
  private readonly seal: SessionSeal;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    databaseUrl: string,
    secret: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 5, connectionTimeoutMillis: 5000 });
    this.pool.on('error', (err) => this.logger.warn({ err: err.message }, 'session store connection lost'));
    this.seal = new SessionSeal(secret);
    this.sweeper = setInterval(() => void this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async create(data: NewSession): Promise<Session> {
    const session: Session = { ...data, id: this.newId(), createdAt: this.now() };
    const idHash = SessionSeal.idHash(session.id);
    const stored: Stored = {
      sub: session.sub,
      name: session.name,
      role: session.role,
      org: session.org,
      accessToken: session.accessToken,
      idToken: session.idToken,
      createdAt: session.createdAt,
    };
    await this.pool.query(
      'INSERT INTO "console".sessions (id_hash, sealed, created_at, expires_at) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0))',
      [idHash, this.seal.seal(stored, idHash), session.createdAt, session.expiresAt],
    );
    return session;
  }

  async get(id: string | undefined): Promise<Session | 'expired' | undefined> {
    if (!id) return undefined;
    const idHash = SessionSeal.idHash(id);
    const { rows } = await this.pool.query<{ sealed: Buffer; expires_ms: string }>(
      'SELECT sealed, (extract(epoch FROM expires_at) * 1000)::bigint AS expires_ms FROM "console".sessions WHERE id_hash = $1',
      [idHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    const expiresAt = Number(row.expires_ms);
    if (expiresAt <= this.now()) {
      await this.pool.query('DELETE FROM "console".sessions WHERE id_hash = $1', [idHash]);
      return 'expired';
    }
    const stored = this.seal.unseal<Stored>(row.sealed, idHash);
    // Sealed under another SESSION_SECRET (rotated) or altered in the table: as good as no session.
    if (!stored) return 'expired';
    return { ...stored, id, expiresAt };
  }

  async delete(id: string | undefined): Promise<void> {
    if (id)
      await this.pool.query('DELETE FROM "console".sessions WHERE id_hash = $1', [SessionSeal.idHash(id)]);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end();
  }

  /** Deletes expired sessions; a failure (database away) is retried on the next sweep. */
  async sweep(): Promise<number> {
    try {
      const res = await this.pool.query('DELETE FROM "console".sessions WHERE expires_at <= now()');
      return res.rowCount ?? 0;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'expired sessions not swept');
      return 0;
    }
  }
}
