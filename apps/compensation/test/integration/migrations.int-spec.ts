import pg from 'pg';
import { randomBytes, randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { testEnv } from '#shared/testing';
import { compensationDatabase } from '../../src/database/database.js';
import { CreateMessagingTables1764100000000 } from '../../src/database/migrations/1764100000000-CreateMessagingTables.js';
import { ConfirmCourtDecisions1796230018621 } from '../../src/database/migrations/1796230018621-ConfirmCourtDecisions.js';

/** The service's own migrations go up, down and up again cleanly (in a scratch database). */
describe('compensation migrations (integration)', () => {
  // Named like the run databases so that the stale-database clean-up removes it if a run dies here.
  const name = `nrm_test_${Date.now()}_compmig_${randomBytes(3).toString('hex')}`;
  let admin: pg.Client;
  let db: pg.Client;
  let q: QueryRunner;
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
    // Like TypeORM's QueryRunner, a query answers with its rows.
    q = {
      query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows,
    } as unknown as QueryRunner;
    // Every migration of the service but the shared messaging tables, in order.
    const migrations = compensationDatabase.migrations
      .filter((M) => M !== CreateMessagingTables1764100000000)
      .map((M) => new M());
    for (const m of migrations) await m.up(q);
    for (const m of [...migrations].reverse()) await m.down(q);
    const left = await db.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'compensation'`,
    );
    expect(left.rows[0].n).toBe(0);
    const fns = await db.query(
      `SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'compensation'`,
    );
    expect(fns.rows[0].n).toBe(0);
    for (const m of migrations) await m.up(q);
  });

  it('R-3.8 keys existing decisions and marks a re-typed legacy duplicate so that it never counts', async () => {
    const m = new ConfirmCourtDecisions1796230018621();
    await m.down(q);
    const claim = randomUUID();
    await db.query(
      `INSERT INTO compensation.claims (id, victim_ref, case_number, claimed_material_minor, claimed_moral_minor, created_by) VALUES ($1, 'v_legacy01', 'C-1', 1, 0, 'o')`,
      [claim],
    );
    const ins = (court: string) =>
      db.query(
        `INSERT INTO compensation.court_decisions (id, claim_id, court, decision_number, decided_at, awarded_minor, fund_payment_ordered, created_by, created_at)
         VALUES ($1, $2, $3, '1-1/2026', '2026-01-01', 800000, true, 'o', now() + ($4 || ' seconds')::interval) RETURNING id`,
        [randomUUID(), claim, court, String(court.length)],
      );
    const original = (await ins('Baku Court')).rows[0].id as string;
    const retyped = (await ins('Baku Court ')).rows[0].id as string;
    await m.up(q);
    const rows = await db.query(
      `SELECT id, court_key, duplicate_of FROM compensation.court_decisions WHERE claim_id = $1 ORDER BY created_at`,
      [claim],
    );
    expect(rows.rows).toEqual([
      { id: original, court_key: 'baku court', duplicate_of: null },
      { id: retyped, court_key: 'baku court', duplicate_of: original },
    ]);
  });
});
