#!/usr/bin/env node
// npm test: every test against the real Postgres and RabbitMQ. Jest's global set-up gives the run its
// own database and vhost. The services are built first (the cross-service tests run them as real
// processes). Ends with the totals alone on a line: "N passed, M failed".
// Extra arguments go to Jest: npm test -- apps/referral
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';
import { checkPostgres, checkRabbit } from './lib/provision.mjs';
import { root } from './lib/platform.mjs';

const adminUrl =
  process.env.NRM_TEST_ADMIN_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
const amqpUrl = process.env.NRM_TEST_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const say = (msg) => process.stderr.write(`[nrm-test] ${msg}\n`);

const pgError = await checkPostgres(adminUrl);
const mqError = await checkRabbit(amqpUrl);
if (pgError || mqError) {
  if (pgError)
    say(
      `Postgres is not reachable (${pgError}); start it (e.g. docker compose up -d postgres) or set NRM_TEST_ADMIN_DATABASE_URL`,
    );
  if (mqError)
    say(
      `RabbitMQ is not reachable (${mqError}); start it (e.g. docker compose up -d rabbitmq) or set NRM_TEST_AMQP_URL`,
    );
  process.exit(1);
}

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

mkdirSync(path.join(root, 'tmp'), { recursive: true });
const results = path.join(root, 'tmp/jest-results.json');
const jest = spawn(
  process.execPath,
  [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--maxWorkers=2',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NRM_TEST_ADMIN_DATABASE_URL: adminUrl,
      NRM_TEST_AMQP_URL: amqpUrl,
      NODE_NO_WARNINGS: '1',
    },
  },
);
const code = await new Promise((resolve) => jest.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
let summary = '0 passed, 1 failed';
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  // Suites that failed to run (a crash at import, a global set-up error) count as failures too.
  const brokenSuites = r.testResults.filter(
    (t) => t.status === 'failed' && t.assertionResults.length === 0,
  ).length;
  summary = `${r.numPassedTests} passed, ${r.numFailedTests + brokenSuites} failed`;
  if (r.numPendingTests) summary += `, ${r.numPendingTests} skipped`;
} catch {
  say('jest wrote no results');
}
writeFileSync(path.join(root, 'tmp/test-summary.txt'), `${summary}\n`);
process.stdout.write(`\n${summary}\n`);
process.exit(code);
