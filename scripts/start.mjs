#!/usr/bin/env node
// npm start: runs the whole platform on the local Postgres and RabbitMQ.
//   1. checks that both answer (and says how to start them if not),
//   2. creates the database, the four schemas and their roles, and dev keys (.keys/),
//   3. builds the services, starts them (each migrates its schema before taking traffic),
//   4. waits until every /health/ready answers 200 and prints where each listens.
// Env: DATABASE_URL (admin, default postgres://localhost:5432), NRM_DATABASE (default nrm),
//      AMQP_URL (default amqp://localhost:5672), REFERRAL_PORT … NOTIFICATION_PORT.
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { checkPostgres, checkRabbit, provisionBrokerUsers, provisionDatabase } from './lib/provision.mjs';
import { DEFAULT_PORTS, SERVICES, root, serviceEnv, spawnService, waitReady } from './lib/platform.mjs';
import { devToken, newClientSecret, startConsoleProcess, startDevOidcProcess } from './lib/console.mjs';
import { seedDemo } from './lib/demo-seed.mjs';
import { devSecrets } from './lib/dev-keys.mjs';

const adminUrl = withUser(process.env.DATABASE_URL ?? 'postgres://localhost:5432/postgres');
const database = process.env.NRM_DATABASE ?? 'nrm';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://localhost:5672';
/** A URL without a user name connects as PGUSER or the OS user, as psql does. */
function withUser(url) {
  const u = new URL(url);
  if (!u.username) u.username = process.env.PGUSER ?? userInfo().username;
  if (u.pathname === '' || u.pathname === '/') u.pathname = '/postgres';
  return u.toString();
}
const say = (msg) => process.stderr.write(`[nrm] ${msg}\n`);
const safe = (url) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return `${u.protocol}//${u.host}`;
};

const pgError = await checkPostgres(adminUrl);
const mqError = await checkRabbit(amqpUrl);
if (pgError || mqError) {
  if (pgError) say(`Postgres is not reachable at ${safe(adminUrl)}: ${pgError}`);
  if (mqError) say(`RabbitMQ is not reachable at ${safe(amqpUrl)}: ${mqError}`);
  say('Start them, for instance:');
  say('  docker compose up -d postgres rabbitmq');
  say(
    '  or, on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; rabbitmq-server -detached',
  );
  say('or point DATABASE_URL / AMQP_URL at running ones.');
  process.exit(1);
}

say(`preparing database "${database}" (schemas and roles) at ${safe(adminUrl)}`);
await provisionDatabase({ adminUrl, database });
say('preparing the broker: one user per service, with rights on its own queues and events only');
await provisionBrokerUsers({ amqpUrl, vhost: decodeURIComponent(new URL(amqpUrl).pathname.slice(1)) || '/' });
say('building the services');
execFileSync(
  process.execPath,
  ['node_modules/nx/dist/bin/nx.js', 'run-many', '-t', 'build', '--output-style=static'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
  },
);

const children = new Map();
// The console's sign-in: a real provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or in
// development the embedded one on OIDC_DEV_PORT (3005), whose JWKS the services trust besides the
// `npm run token` key.
const consolePort = Number(process.env.CONSOLE_PORT ?? 3000);
const consoleUrl = process.env.PUBLIC_URL ?? `http://localhost:${consolePort}`;
let oidc;
if (!process.env.OIDC_ISSUER && process.env.NODE_ENV !== 'production') {
  const clientSecret = newClientSecret();
  oidc = await startDevOidcProcess({
    port: Number(process.env.OIDC_DEV_PORT ?? 3005),
    clientSecret,
    redirectUris: [`${consoleUrl}/auth/callback`, `http://127.0.0.1:${consolePort}/auth/callback`],
    postLogoutRedirectUris: [`${consoleUrl}/`, `http://127.0.0.1:${consolePort}/`],
    onLine: (line) => process.stdout.write(`${line}\n`),
  }).catch((err) => {
    say(`the development OpenID provider did not start: ${err.message}`);
    process.exit(1);
  });
  oidc.clientSecret = clientSecret;
  children.set('dev-oidc', { child: oidc.child, port: Number(new URL(oidc.issuer).port), url: oidc.issuer });
}
const jwks = oidc ? { JWT_JWKS_URL: process.env.JWT_JWKS_URL ?? oidc.jwksUrl } : {};
for (const service of SERVICES) {
  const port = Number(process.env[`${service.toUpperCase()}_PORT`] ?? DEFAULT_PORTS[service]);
  const child = spawnService(
    service,
    serviceEnv(service, { adminUrl, database, amqpUrl, port, extra: jwks }),
  );
  children.set(service, { child, port });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${service} exited (${signal ?? code}); stopping the platform`);
      void stop(1);
    }
  });
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping: each service finishes its in-flight work');
  await Promise.all(
    [...children.values()].map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const upstreams = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${children.get(s).port}`]));
try {
  await Promise.all(SERVICES.map((s) => waitReady(upstreams[s])));
  const consoleApp = await startConsoleProcess({
    port: consolePort,
    publicUrl: consoleUrl,
    issuer: process.env.OIDC_ISSUER ?? oidc.issuer,
    clientSecret: process.env.OIDC_CLIENT_SECRET ?? oidc.clientSecret,
    upstreams,
    // Sessions in the "console" schema, sealed with a kept secret: a restart keeps everyone signed in.
    database: { adminUrl, name: database },
    sessionSecret: process.env.SESSION_SECRET ?? devSecrets().console.SESSION_SECRET,
    onLine: (line) => process.stdout.write(`${line}\n`),
  });
  children.set('console', { child: consoleApp.child, port: consolePort, url: consoleUrl });
  if (oidc && process.env.NRM_DEMO_DATA !== 'false')
    await seedDemo({ urls: upstreams, token: devToken, log: say });
} catch (err) {
  say(String(err.message));
  await stop(1);
}
say('NRM Platform is up:');
for (const service of SERVICES) {
  say(
    `  ${service.padEnd(13)} http://127.0.0.1:${children.get(service).port}   (docs: /docs, health: /health/ready, metrics: /metrics)`,
  );
}
if (oidc)
  say(
    `  ${'dev-oidc'.padEnd(13)} ${oidc.issuer}   (development sign-in: agency, duty, shelter, centre, fund-officer, fund-approver, coordinator, operator, admin, provider; password = username)`,
  );
say(`Open the console: ${consoleUrl}`);
say('Mint a token with: npm run token -- --role agency_officer --org MIA --sub officer-1');
