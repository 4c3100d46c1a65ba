import { isolatedSchema } from '#shared/testing';
import { PREPARED_PER_CONNECTION, PreparingClient } from '../../src/database/prepared-statements.js';

describe('prepared statements (PreparingClient)', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let client: InstanceType<typeof PreparingClient>;
  const prepared = async (): Promise<string[]> =>
    (await client.query('SELECT statement FROM pg_prepared_statements ORDER BY name')).rows.map(
      (r: { statement: string }) => r.statement,
    );

  beforeAll(async () => {
    schema = await isolatedSchema();
    client = new PreparingClient({ connectionString: schema.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await schema?.drop();
  });

  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect((await client.query(text, [1])).rows).toEqual([{ n: 2 }]);
    expect((await client.query(text, [41])).rows).toEqual([{ n: 42 }]);
    expect(await prepared()).toEqual([text]);
  });

  it('keeps the simple protocol for statements without parameters, and the callback form works', async () => {
    await client.query('BEGIN');
    const rows = await new Promise<unknown[]>((resolve, reject) =>
      client.query('SELECT $1::text AS t', ['cb'], (err: Error | null, res: { rows: unknown[] }) =>
        err ? reject(err) : resolve(res.rows),
      ),
    );
    await client.query('COMMIT');
    expect(rows).toEqual([{ t: 'cb' }]);
    expect(await prepared()).not.toContain('BEGIN');
  });

  it('a failed statement fails alone, and the connection goes on', async () => {
    await expect(client.query('SELECT $1::int / 0 AS n', [1])).rejects.toThrow(/division by zero/);
    expect((await client.query('SELECT $1::int / 2 AS n', [4])).rows).toEqual([{ n: 2 }]);
  });

  it('a statement whose result columns a migration changed fails once, then is prepared again', async () => {
    const table = `"${schema.schema}".stale_plan`;
    await client.query(`CREATE TABLE ${table} (id int)`);
    await client.query(`INSERT INTO ${table} VALUES (1)`);
    const text = `SELECT * FROM ${table} WHERE id = $1`;
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1 }]);
    await client.query(`ALTER TABLE ${table} ADD COLUMN note text DEFAULT 'added'`);
    await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, note: 'added' }]);
    await client.query(`DROP TABLE ${table}`);
  });

  it(`prepares at most ${PREPARED_PER_CONNECTION} texts per connection; beyond, statements run unnamed`, async () => {
    for (let i = 0; i < PREPARED_PER_CONNECTION + 20; i++) {
      expect((await client.query(`SELECT $1::int + ${i} AS n`, [1])).rows).toEqual([{ n: 1 + i }]);
    }
    expect((await prepared()).length).toBe(PREPARED_PER_CONNECTION);
  });
});
