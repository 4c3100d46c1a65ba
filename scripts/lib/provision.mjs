// Provisioning of the one database, the four service schemas and their roles, and (for tests) an
// isolated RabbitMQ vhost. Used by `npm start`, `npm test` and CI. Plain JavaScript so it runs
// before anything is built.
import pg from 'pg';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Schemas, one per service. Stored in the database: never rename. */
export const SERVICES = ['referral', 'shelter', 'compensation', 'notification', 'reporting'];

/** Role of a service; it owns its schema and has no rights on the others. */
export const roleOf = (service) => `nrm_${service}`;

/** Postgres URL of a service's role on a database. */
export function serviceDatabaseUrl(adminUrl, database, service, password = roleOf(service)) {
  const u = new URL(adminUrl);
  u.username = roleOf(service);
  u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const ident = (s) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`unsafe identifier: ${s}`);
  return `"${s}"`;
};

/**
 * Creates the database if missing, one login role per service (password = role name unless given),
 * and one schema per service owned by its role. PUBLIC loses every right on the database's public
 * schema, so no role reaches another's data.
 */
export async function provisionDatabase({ adminUrl, database, passwords = {} }) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      try {
        await admin.query(`CREATE DATABASE ${ident(database)}`);
      } catch (err) {
        if (err.code !== '42P04' && err.code !== '23505') throw err; // created concurrently
      }
    }
    for (const service of SERVICES) {
      const role = roleOf(service);
      const password = passwords[service] ?? role;
      try {
        await admin.query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
      } catch (err) {
        if (err.code !== '42710' && err.code !== '23505') throw err; // exists already
      }
    }
    await admin.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    for (const service of SERVICES) {
      await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${ident(roleOf(service))}`);
    }
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
  await db.connect();
  try {
    await db.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    for (const service of SERVICES) {
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${ident(service)} AUTHORIZATION ${ident(roleOf(service))}`);
      await db.query(`REVOKE ALL ON SCHEMA ${ident(service)} FROM PUBLIC`);
    }
  } finally {
    await db.end();
  }
}

export async function dropDatabase({ adminUrl, database }) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Drops test databases left by earlier runs that died (older than a day). */
export async function dropStaleTestDatabases({ adminUrl, prefix }) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname < $2`,
      [`${prefix}%`, `${prefix}${Date.now() - 86_400_000}`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Checks that Postgres answers; resolves to an error message or null. */
export async function checkPostgres(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return err.message || String(err.code);
  } finally {
    await c.end().catch(() => {});
  }
}

const run = promisify(execFile);

/** Management API base URL for a broker URL (port 15672 unless RABBITMQ_MANAGEMENT_URL says otherwise). */
export function managementUrl(amqpUrl) {
  if (process.env.RABBITMQ_MANAGEMENT_URL) return process.env.RABBITMQ_MANAGEMENT_URL;
  const u = new URL(amqpUrl);
  return `http://${u.hostname}:15672`;
}

function authHeader(amqpUrl) {
  const u = new URL(amqpUrl);
  const user = decodeURIComponent(u.username || 'guest');
  const pass = decodeURIComponent(u.password || 'guest');
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

/**
 * Creates a vhost and gives the URL's user full rights on it, through the management API, or
 * `rabbitmqctl` where the management plugin is off.
 */
export async function createVhost(amqpUrl, vhost) {
  const api = managementUrl(amqpUrl);
  const user = decodeURIComponent(new URL(amqpUrl).username || 'guest');
  try {
    const headers = { authorization: authHeader(amqpUrl), 'content-type': 'application/json' };
    let res = await fetch(`${api}/api/vhosts/${encodeURIComponent(vhost)}`, { method: 'PUT', headers, body: '{}' });
    if (!res.ok) throw new Error(`management API answered ${res.status}`);
    res = await fetch(`${api}/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(user)}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ configure: '.*', write: '.*', read: '.*' }),
    });
    if (!res.ok) throw new Error(`management API answered ${res.status}`);
  } catch {
    await run('rabbitmqctl', ['add_vhost', vhost]).catch((err) => {
      if (!/already_exists|already exists/.test(String(err.stderr ?? err.message))) throw err;
    });
    await run('rabbitmqctl', ['set_permissions', '-p', vhost, user, '.*', '.*', '.*']);
  }
  const u = new URL(amqpUrl);
  u.pathname = `/${encodeURIComponent(vhost)}`;
  return u.toString();
}

export async function deleteVhost(amqpUrl, vhost) {
  const api = managementUrl(amqpUrl);
  try {
    const res = await fetch(`${api}/api/vhosts/${encodeURIComponent(vhost)}`, {
      method: 'DELETE',
      headers: { authorization: authHeader(amqpUrl) },
    });
    if (!res.ok && res.status !== 404) throw new Error(String(res.status));
  } catch {
    await run('rabbitmqctl', ['delete_vhost', vhost]).catch(() => {});
  }
}

/** Checks that RabbitMQ accepts AMQP connections; resolves to an error message or null. */
export async function checkRabbit(url) {
  const amqp = await import('amqplib');
  try {
    const conn = await amqp.connect(url, { timeout: 3000 });
    await conn.close();
    return null;
  } catch (err) {
    return err.message || String(err.code);
  }
}
