#!/usr/bin/env node
// Creates the database, one schema and one login role per service, then exits: the step before the
// services start (docker compose's `provision`, the Kubernetes `nrm-provision` Job). Idempotent.
// Env: ADMIN_DATABASE_URL (a role that may create databases and roles; or ADMIN_DATABASE_URL_FILE),
//      NRM_DATABASE (default nrm), <SERVICE>_DB_PASSWORD or <SERVICE>_DB_PASSWORD_FILE per service
//      (default: the role name, as `npm start` uses), <SERVICE>_DB_OWNER_PASSWORD for the schema owner
//      roles that run the migrations, and optionally ADMIN_AMQP_URL with <SERVICE>_AMQP_PASSWORD for
//      one broker user per service.
import { readFileSync } from 'node:fs';
import {
  DATABASE_SCHEMAS,
  SERVICES,
  provisionBrokerUsers,
  provisionDatabase,
} from '../scripts/lib/provision.mjs';

const read = (name) => {
  if (process.env[name]) return process.env[name];
  const file = process.env[`${name}_FILE`];
  return file ? readFileSync(file, 'utf8').replace(/\r?\n$/, '') : undefined;
};

const adminUrl = read('ADMIN_DATABASE_URL');
if (!adminUrl) {
  process.stderr.write('provision: set ADMIN_DATABASE_URL (or ADMIN_DATABASE_URL_FILE)\n');
  process.exit(1);
}
const passwords = Object.fromEntries(
  DATABASE_SCHEMAS.map((s) => [s, read(`${s.toUpperCase()}_DB_PASSWORD`)]).filter(([, p]) => p !== undefined),
);
const ownerPasswords = Object.fromEntries(
  DATABASE_SCHEMAS.map((s) => [s, read(`${s.toUpperCase()}_DB_OWNER_PASSWORD`)]).filter(
    ([, p]) => p !== undefined,
  ),
);
// Broker users (optional): ADMIN_AMQP_URL, <SERVICE>_AMQP_PASSWORD (default: the user name nrm_<service>).
const adminAmqpUrl = read('ADMIN_AMQP_URL');
const amqpPasswords = Object.fromEntries(
  SERVICES.map((s) => [s, read(`${s.toUpperCase()}_AMQP_PASSWORD`)]).filter(([, p]) => p !== undefined),
);
const database = process.env.NRM_DATABASE ?? 'nrm';
for (let attempt = 1; ; attempt++) {
  try {
    await provisionDatabase({ adminUrl, database, passwords, ownerPasswords });
    if (adminAmqpUrl) {
      const vhost = decodeURIComponent(new URL(adminAmqpUrl).pathname.slice(1)) || '/';
      await provisionBrokerUsers({ amqpUrl: adminAmqpUrl, vhost, passwords: amqpPasswords });
      process.stdout.write(`provision: broker users for ${SERVICES.join(', ')} on vhost ${vhost}\n`);
    }
    process.stdout.write(
      `provision: database ${database} with schemas and roles for ${SERVICES.join(', ')}\n`,
    );
    break;
  } catch (err) {
    if (attempt >= 30) throw err;
    process.stderr.write(`provision: ${err.code ?? err.message}; retrying\n`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}
