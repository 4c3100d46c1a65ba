import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createVhost, deleteVhost } from '../../../../scripts/lib/provision.mjs';
import { testEnv } from './test-env.js';

/** A private vhost for one test file (so its queues see no other file's traffic). */
export async function isolatedVhost(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const env = testEnv();
  const name = `${env.vhost}_${randomBytes(4).toString('hex')}`;
  const url = await createVhost(env.amqpBaseUrl, name);
  return { url, name, drop: () => deleteVhost(env.amqpBaseUrl, name) };
}

/** A private schema on the run's database, with the outbox/inbox tables, for library tests. */
export async function isolatedSchema(): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const env = testEnv();
  const schema = `t_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: env.adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
  return {
    schema,
    url: env.adminDatabaseUrl,
    drop: async () => {
      const c = new pg.Client({ connectionString: env.adminDatabaseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => c.end());
    },
  };
}
