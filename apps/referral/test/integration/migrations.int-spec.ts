import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { testEnv } from '#shared/testing';
import { referralDatabase } from '../../src/database/database.js';

/** The migrations' up() and down() against a throwaway database of their own (nothing shared is locked). */
describe('referral migrations', () => {
  const env = testEnv();
  const database = `${env.database}_refmig`;
  let admin: pg.Client;
  let client: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: env.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(env.adminUrl);
    url.pathname = `/${database}`;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('CREATE SCHEMA referral');
  });
  afterAll(async () => {
    await client?.end();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin?.end();
  });

  const runner = {
    query: (sql: string, params?: unknown[]) => client.query(sql, params).then((r) => r.rows),
  } as unknown as QueryRunner;
  const tables = async () =>
    (
      await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'referral' ORDER BY 1`,
      )
    ).rows.map((r: { table_name: string }) => r.table_name);

  it('applies, reverts completely and applies again', async () => {
    const migrations = referralDatabase.migrations.map((M) => new M());
    for (const m of migrations) await m.up(runner);
    const created = await tables();
    expect(created).toEqual(
      expect.arrayContaining(['referrals', 'victims', 'access_log', 'outbox', 'inbox', 'organisations']),
    );
    expect((await client.query(`SELECT count(*)::int AS n FROM referral.organisations`)).rows[0].n).toBe(17);

    for (const m of [...migrations].reverse()) await m.down(runner);
    expect(await tables()).toEqual([]);
    expect(
      (
        await client.query(
          `SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'referral'`,
        )
      ).rows[0].n,
    ).toBe(0);

    for (const m of migrations) await m.up(runner);
    expect(await tables()).toEqual(created);
  });
});
