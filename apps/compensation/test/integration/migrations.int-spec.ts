import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { testEnv } from '#shared/testing';
import { compensationDatabase } from '../../src/database/database.js';
import { CreateMessagingTables1764100000000 } from '../../src/database/migrations/1764100000000-CreateMessagingTables.js';

/** The service's own migrations go up, down and up again cleanly (in a scratch database). */
describe('compensation migrations (integration)', () => {
  // Named like the run databases so that the stale-database clean-up removes it if a run dies here.
  const name = `nrm_test_${Date.now()}_compmig_${randomBytes(3).toString('hex')}`;
  let admin: pg.Client;
  let db: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: testEnv().adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(testEnv().adminUrl);
    u.pathname = `/${name}`;
    db = new pg.Client({ connectionString: u.toString() });
    await db.connect();
    await db.query('CREATE SCHEMA compensation');
  });
  afterAll(async () => {
    await db?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  it('runs up, down and up again, leaving nothing behind after down', async () => {
    const q = { query: (sql: string, params?: unknown[]) => db.query(sql, params) } as unknown as QueryRunner;
    // Every migration of the service but the shared messaging tables, in order.
    const migrations = compensationDatabase.migrations
      .filter((M) => M !== CreateMessagingTables1764100000000)
      .map((M) => new M());
    for (const m of migrations) await m.up(q);
    for (const m of [...migrations].reverse()) await m.down(q);
    const left = await db.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'compensation'`);
    expect(left.rows[0].n).toBe(0);
    const fns = await db.query(`SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'compensation'`);
    expect(fns.rows[0].n).toBe(0);
    for (const m of migrations) await m.up(q);
  });
});
