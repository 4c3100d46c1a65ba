import pg from 'pg';
import pino from 'pino';
import { testEnv } from '#shared/testing';
import { PostgresSessionStore, migrateConsoleSchema } from '../../src/session/pg-session.store.js';

/** The console's sessions in its own schema of the run's database, as its own roles. */
describe(PostgresSessionStore.name, () => {
  const env = testEnv();
  const logger = pino({ level: 'silent' });
  const secret = `secret-${Math.random().toString(36).slice(2)}-of-enough-length`;
  const stores: PostgresSessionStore[] = [];
  const open = (now?: () => number) => {
    const store = new PostgresSessionStore(env.serviceDatabaseUrl('console'), secret, logger, now);
    stores.push(store);
    return store;
  };
  const data = (expiresAt: number) => ({
    sub: `duty-${Math.random().toString(36).slice(2)}`,
    name: 'Duty officer',
    role: 'police_duty_officer' as const,
    org: 'MIA-SPU',
    accessToken: 'eyJhbGciOiJSUzI1NiJ9.access.token',
    idToken: 'eyJhbGciOiJSUzI1NiJ9.id.token',
    expiresAt,
  });

  beforeAll(async () => {
    // Twice at once, as two instances starting together: each migration is applied once.
    await Promise.all([
      migrateConsoleSchema(env.ownerDatabaseUrl('console'), logger),
      migrateConsoleSchema(env.ownerDatabaseUrl('console'), logger),
    ]);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('gives a session created by one instance to another (and after a restart, which is the same)', async () => {
    const a = open();
    const b = open();
    const session = await a.create(data(Date.now() + 60_000));
    await expect(b.get(session.id)).resolves.toEqual(session);
    await b.delete(session.id);
    await expect(a.get(session.id)).resolves.toBeUndefined();
  });

  it('ends a session at its expiry, and sweeps expired rows', async () => {
    let now = Date.now();
    const store = open(() => now);
    const session = await store.create(data(now + 1_000));
    await expect(store.get(session.id)).resolves.toMatchObject({ sub: session.sub });
    now += 1_000;
    await expect(store.get(session.id)).resolves.toBe('expired');
    const stale = await store.create(data(Date.now() - 1));
    await store.sweep();
    await expect(open().get(stale.id)).resolves.toBeUndefined();
  });

  it('stores no token in the clear and no session id, only its hash', async () => {
    const session = await open().create(data(Date.now() + 60_000));
    const db = new pg.Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ id_hash: Buffer; sealed: Buffer }>(
        'SELECT id_hash, sealed FROM "console".sessions',
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.sealed.includes(Buffer.from('eyJ'))).toBe(false);
        expect(r.id_hash.equals(Buffer.from(session.id))).toBe(false);
      }
    } finally {
      await db.end();
    }
  });

  it('treats a session sealed under another secret as ended (a rotated SESSION_SECRET)', async () => {
    const session = await open().create(data(Date.now() + 60_000));
    const rotated = new PostgresSessionStore(env.serviceDatabaseUrl('console'), `${secret}-rotated`, logger);
    stores.push(rotated);
    await expect(rotated.get(session.id)).resolves.toBe('expired');
  });
});
