#!/usr/bin/env node
// npm run chaos: the whole platform (two instances of every service) under load while instances are
// SIGKILLed and restarted, RabbitMQ connections are closed and Postgres is restarted; then the books
// are checked. Prints what it injected and what it counted; exits 1 on any loss or duplicate.
// Env: CHAOS_SECONDS (90), CHAOS_RATE (flows/s, 5), CHAOS_REAL_RESTARTS (1 = restart the local
// Postgres server; default 1 when pg_ctlcluster is available and we are root, else connections are
// terminated instead), DATABASE_URL (admin), AMQP_URL.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { runChaos } from './lib/chaos.mjs';
import { root } from './lib/platform.mjs';

const adminUrl = process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
const amqpBaseUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const canRestart = process.getuid?.() === 0 && existsSync('/etc/postgresql');
const realRestarts = (process.env.CHAOS_REAL_RESTARTS ?? (canRestart ? '1' : '0')) === '1';

process.stderr.write('[chaos] building the services\n');
execFileSync(process.execPath, ['node_modules/nx/dist/bin/nx.js', 'run-many', '-t', 'build', '--output-style=static'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
});
const report = await runChaos({
  adminUrl,
  amqpBaseUrl,
  durationSeconds: Number(process.env.CHAOS_SECONDS ?? 90),
  rate: Number(process.env.CHAOS_RATE ?? 5),
  realRestarts,
});
const rows = [
  ['injected: SIGKILL of a service instance (then restarted)', report.injected.sigkill],
  ['injected: RabbitMQ connections force-closed', report.injected.brokerConnectionsClosed],
  [`injected: Postgres ${realRestarts ? 'restarts' : 'connection terminations'}`, report.injected.postgresRestarts],
  ...Object.entries(report.counted).map(([k, v]) => [`counted: ${k}`, v]),
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
if (report.problems.length) {
  console.log(`\nFAILED:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\nOK: nothing lost, nothing doubled, no facility over capacity, the ledger balances');
