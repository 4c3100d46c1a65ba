// Jest global set-up: one isolated database (with the four schemas and roles) and one RabbitMQ vhost
// per test run, so two runs never see each other's data. Idempotent: with several Jest projects it
// runs once per project but provisions only once per run.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  checkPostgres,
  checkRabbit,
  createVhost,
  dropStaleTestDatabases,
  provisionDatabase,
} from '../../../../scripts/lib/provision.mjs';

/** Jest projects (displayName in jest.preset.js); each gets its own vhost. */
export const PROJECTS = [
  'shared',
  'referral',
  'shelter',
  'compensation',
  'notification',
  'reporting',
  'platform',
];

export default async function globalSetup() {
  if (process.env.NRM_TEST_RUN_ID) return;
  const runId = `${Date.now()}_${randomBytes(3).toString('hex')}`;
  const adminUrl = process.env.NRM_TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@localhost:5432/postgres';
  const amqpBase = process.env.NRM_TEST_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
  const pgError = await checkPostgres(adminUrl);
  if (pgError) throw new Error(`Postgres is not reachable at ${redact(adminUrl)}: ${pgError}`);
  const mqError = await checkRabbit(amqpBase);
  if (mqError) throw new Error(`RabbitMQ is not reachable at ${redact(amqpBase)}: ${mqError}`);

  const database = `nrm_test_${runId}`;
  await dropStaleTestDatabases({ adminUrl, prefix: 'nrm_test_' }).catch(() => {});
  await provisionDatabase({ adminUrl, database });
  const vhost = `nrm_test_${runId}`;
  const amqpUrl = await createVhost(amqpBase, vhost);
  // One vhost per Jest project as well, so that one service's tests never consume the events another
  // service's tests publish (they share the database, in their own schemas).
  const projectVhosts = {};
  for (const project of PROJECTS) {
    projectVhosts[`NRM_TEST_AMQP_URL_VHOST_${project.toUpperCase()}`] = await createVhost(
      amqpBase,
      `${vhost}_${project}`,
    );
  }

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  Object.assign(process.env, {
    NRM_TEST_RUN_ID: runId,
    NRM_TEST_ADMIN_DATABASE_URL: adminUrl,
    NRM_TEST_DATABASE: database,
    NRM_TEST_AMQP_BASE_URL: amqpBase,
    NRM_TEST_VHOST: vhost,
    NRM_TEST_AMQP_URL_VHOST: amqpUrl,
    ...projectVhosts,
    NRM_TEST_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    NRM_TEST_JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
