import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource } from '#shared';
import { testEnv } from '#shared/testing';
import {
  dropDatabase,
  ownerDatabaseUrl,
  provisionDatabase,
  serviceDatabaseUrl,
} from '../../../../scripts/lib/provision.mjs';
import { shelterDatabase } from '../../src/database/database.js';

/** Every migration has a real down(): the schema goes up, all the way down, and up again, on a database of its own. */
describe('shelter migrations', () => {
  const env = testEnv();
  const database = `${env.database}_shelter_mig_${randomBytes(3).toString('hex')}`;

  beforeAll(() => provisionDatabase({ adminUrl: env.adminUrl, database }));
  afterAll(() => dropDatabase({ adminUrl: env.adminUrl, database }));

  const tables = async () => {
    const client = new pg.Client({ connectionString: serviceDatabaseUrl(env.adminUrl, database, 'shelter') });
    await client.connect();
    try {
      const { rows } = await client.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'shelter' AND table_name <> 'migrations' ORDER BY 1`,
      );
      return rows.map((r) => r.t);
    } finally {
      await client.end();
    }
  };

  it('apply, revert completely and apply again', async () => {
    const ds = createDataSource(
      ownerDatabaseUrl(env.adminUrl, database, 'shelter'),
      shelterDatabase,
      2,
      'shelter-migrations-test',
    );
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const up = await tables();
      expect(up).toEqual(
        expect.arrayContaining([
          'facilities',
          'placement_requests',
          'placements',
          'plans',
          'plan_items',
          'plan_revisions',
          'training_programmes',
          'enrolments',
          'outbox',
          'inbox',
        ]),
      );
      for (let i = 0; i < shelterDatabase.migrations.length; i++)
        await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
      await ds.runMigrations({ transaction: 'each' });
      expect(await tables()).toEqual(up);
    } finally {
      await ds.destroy();
    }
  });
});
