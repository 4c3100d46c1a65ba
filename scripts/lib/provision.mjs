// Provisioning of the one database, the four service schemas and their roles, and (for tests) an
// isolated RabbitMQ vhost. Used by `npm start`, `npm test` and CI. Plain JavaScript so it runs
// before anything is built.
import pg from 'pg';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Schemas, one per service. Stored in the database: never rename. */
export const SERVICES = ['referral', 'shelter', 'compensation', 'notification', 'reporting'];

/**
 * Every schema of the database, each with its runtime and owner roles: the services' and the web
 * console's (its sessions; it uses no broker). Stored in the database: never rename.
 */
export const DATABASE_SCHEMAS = [...SERVICES, 'console'];

/** Runtime role of a service: data rights (no DDL) on its own schema, none on the others. */
export const roleOf = (service) => `nrm_${service}`;

/** Owner role of a service's schema: runs the migrations; the service itself never connects as it. */
export const ownerRoleOf = (service) => `nrm_${service}_owner`;

/** Postgres URL of a service's schema owner (migrations), password = role name unless given. */
export function ownerDatabaseUrl(adminUrl, database, service, password = ownerRoleOf(service)) {
  const u = new URL(adminUrl);
  u.username = ownerRoleOf(service);
  u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
}

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
 * Creates the database if missing and, per schema (each service's and the console's), two login roles (password = role name unless
 * given): the schema owner `nrm_<service>_owner`, which runs the migrations, and the runtime role
 * `nrm_<service>`, which may only read and write rows of its schema (no DDL, not the owner, no
 * TRUNCATE), so the service can never drop the append-only triggers that protect its audit tables.
 * A schema owned by the runtime role (provisioned before) is handed over to the owner role. PUBLIC
 * loses every right on the database's public schema, so no role reaches another's data.
 */
export async function provisionDatabase({ adminUrl, database, passwords = {}, ownerPasswords = {} }) {
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
    for (const service of DATABASE_SCHEMAS) {
      for (const [role, password] of [
        [roleOf(service), passwords[service] ?? roleOf(service)],
        [ownerRoleOf(service), ownerPasswords[service] ?? ownerRoleOf(service)],
      ]) {
        try {
          await admin.query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
        } catch (err) {
          if (err.code !== '42710' && err.code !== '23505') throw err; // exists already
        }
      }
    }
    await admin.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    for (const service of DATABASE_SCHEMAS) {
      for (const role of [roleOf(service), ownerRoleOf(service)]) {
        await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${ident(role)}`);
      }
    }
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
  await db.connect();
  try {
    await db.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    for (const service of DATABASE_SCHEMAS) {
      const schema = ident(service);
      const runtime = ident(roleOf(service));
      const owner = ident(ownerRoleOf(service));
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner}`);
      // A database provisioned before the owner roles existed: hand the schema and its objects over.
      await db.query(`ALTER SCHEMA ${schema} OWNER TO ${owner}`);
      await db.query(`REASSIGN OWNED BY ${runtime} TO ${owner}`);
      await db.query(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`);
      await db.query(`REVOKE ALL ON SCHEMA ${schema} FROM ${runtime}`);
      await db.query(`GRANT USAGE ON SCHEMA ${schema} TO ${runtime}`);
      await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${runtime}`);
      await db.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${runtime}`);
      await db.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime}`,
      );
      await db.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${runtime}`,
      );
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
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
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
    let res = await fetch(`${api}/api/vhosts/${encodeURIComponent(vhost)}`, {
      method: 'PUT',
      headers,
      body: '{}',
    });
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
  // Every vhost also gets the services' own users, so each service connects with its own credential.
  await provisionBrokerUsers({ amqpUrl, vhost });
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

/**
 * Routing-key namespaces each service publishes on `nrm.events` (it owns those event types); a
 * service not listed publishes nothing. Must match the owners of the event contracts (a test checks).
 */
export const PUBLISHES = {
  referral: ['referral', 'victim', 'service'],
  shelter: ['shelter'],
  compensation: ['compensation'],
  notification: ['notification'],
};

/** The broker user of a service (one per service: each connects with its own credential). */
export const brokerUserOf = (service) => `nrm_${service}`;

const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A service's rights on a vhost: configure, write and read only its own queues (`<service>.events`,
 * its retry tiers and parking queue) and the shared exchanges it declares and publishes to (write on
 * `amq.default` for its retry tiers); through topic permissions on `nrm.events`, publishing only the
 * routing keys of the events it owns.
 */
export function brokerPermissions(service) {
  const own = `${reEscape(service)}\\.events(\\.(dlq|retry\\.\\d+))?`;
  const shared = 'nrm\\.events|nrm\\.events\\.dlx|nrm\\.events\\.unrouted';
  const keys = PUBLISHES[service] ?? [];
  return {
    configure: `^(${own}|${shared})$`,
    write: `^(${own}|${shared}|amq\\.default)$`,
    read: `^(${own}|${shared})$`,
    topic: {
      exchange: 'nrm.events',
      write: keys.length ? `^(${keys.map(reEscape).join('|')})\\.` : '^$',
      read: '.*',
    },
  };
}

/** The AMQP URL of a service's own broker user on the vhost of `amqpUrl` (password = user name unless given). */
export function serviceAmqpUrl(amqpUrl, service, password = brokerUserOf(service)) {
  const u = new URL(amqpUrl);
  u.username = encodeURIComponent(brokerUserOf(service));
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Creates (or updates) one broker user per service and sets its permissions and topic permissions on
 * `vhost`, through the management API, or `rabbitmqctl` where the management plugin is off. Runs as
 * the administrative user of `amqpUrl`. Returns each service's AMQP URL on the vhost.
 */
export async function provisionBrokerUsers({
  amqpUrl,
  vhost,
  passwords = {},
  services = SERVICES,
  userSuffix = '',
}) {
  const api = managementUrl(amqpUrl);
  const headers = { authorization: authHeader(amqpUrl), 'content-type': 'application/json' };
  const v = encodeURIComponent(vhost);
  const urls = {};
  for (const service of services) {
    const user = brokerUserOf(service) + userSuffix;
    const password = passwords[service] ?? user;
    const perms = brokerPermissions(service);
    const u = encodeURIComponent(user);
    try {
      const put = async (path, body) => {
        const res = await fetch(`${api}${path}`, { method: 'PUT', headers, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`management API answered ${res.status} for ${path}`);
      };
      await put(`/api/users/${u}`, { password, tags: '' });
      await put(`/api/permissions/${v}/${u}`, {
        configure: perms.configure,
        write: perms.write,
        read: perms.read,
      });
      await put(`/api/topic-permissions/${v}/${u}`, perms.topic);
    } catch {
      await run('rabbitmqctl', ['add_user', user, password]).catch(async (err) => {
        if (!/already_exists|already exists/.test(String(err.stderr ?? err.message))) throw err;
        await run('rabbitmqctl', ['change_password', user, password]);
      });
      await run('rabbitmqctl', [
        'set_permissions',
        '-p',
        vhost,
        user,
        perms.configure,
        perms.write,
        perms.read,
      ]);
      await run('rabbitmqctl', [
        'set_topic_permissions',
        '-p',
        vhost,
        user,
        perms.topic.exchange,
        perms.topic.write,
        perms.topic.read,
      ]);
    }
    const url = new URL(amqpUrl);
    url.pathname = `/${v}`;
    url.username = encodeURIComponent(user);
    url.password = encodeURIComponent(password);
    urls[service] = url.toString();
  }
  return urls;
}

/** Deletes broker users made by {@link provisionBrokerUsers} with a `userSuffix` (tests' own users). */
export async function deleteBrokerUsers({ amqpUrl, userSuffix, services = SERVICES }) {
  if (!userSuffix) throw new Error('only users with a suffix are deleted: the shared ones stay');
  const api = managementUrl(amqpUrl);
  for (const service of services) {
    const user = encodeURIComponent(brokerUserOf(service) + userSuffix);
    await fetch(`${api}/api/users/${user}`, {
      method: 'DELETE',
      headers: { authorization: authHeader(amqpUrl) },
    }).catch(() => undefined);
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
