#!/usr/bin/env node
// npm run chaos: the whole platform (two instances of every service) under load through phases of
// faults — crashes (SIGKILLed and restarted instances, closed RabbitMQ connections, terminated
// Postgres connections), then each service's database unreachable for CHAOS_OUTAGE_MS, RabbitMQ
// unreachable for as long, and every webhook recipient refusing connections for as long — then the
// books are checked. Prints what it injected, a table per phase and what it counted; exits 1 on any
// loss, duplicate or parked message. The shared Postgres and RabbitMQ are never stopped: outages are
// TCP proxies between the services and them.
// Env: CHAOS_SECONDS (crash phase, 90), CHAOS_RATE (flows/s, 5), CHAOS_OUTAGE_MS (60000),
// CHAOS_PHASES (comma-separated subset of the phases, default all), CHAOS_RECOVERY_TIMEOUT_MS (how
// long a phase may take to catch up, 150000), DATABASE_URL (admin), AMQP_URL.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, userInfo } from 'node:os';
import { PHASES, formatPhaseTable, runChaos } from './lib/chaos.mjs';
import { root } from './lib/platform.mjs';

const adminUrl =
  process.env.DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
const amqpBaseUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const outageMs = Number(process.env.CHAOS_OUTAGE_MS ?? 60_000);
const phases = process.env.CHAOS_PHASES ? process.env.CHAOS_PHASES.split(',').map((p) => p.trim()) : PHASES;

process.stderr.write('[chaos] building the services\n');
execFileSync(
  process.execPath,
  ['node_modules/nx/dist/bin/nx.js', 'run-many', '-t', 'build', '--output-style=static'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
  },
);
const loadBefore = loadavg()[0];
const startedAt = new Date();
const report = await runChaos({
  adminUrl,
  amqpBaseUrl,
  durationSeconds: Number(process.env.CHAOS_SECONDS ?? 90),
  rate: Number(process.env.CHAOS_RATE ?? 5),
  outageMs,
  phases,
  recoveryTimeoutMs: Number(process.env.CHAOS_RECOVERY_TIMEOUT_MS ?? 150_000),
});
const rows = [
  ['injected: SIGKILL of a service instance (then restarted)', report.injected.sigkill],
  ['injected: RabbitMQ connections force-closed', report.injected.brokerConnectionsClosed],
  ['injected: Postgres connection terminations', report.injected.postgresRestarts],
  [`injected: database outages of ${outageMs} ms (one service each)`, report.injected.databaseOutages],
  [`injected: broker outages of ${outageMs} ms`, report.injected.brokerOutages],
  [`injected: recipient outages of ${outageMs} ms`, report.injected.recipientOutages],
  ...Object.entries(report.counted).map(([k, v]) => [`counted: ${k}`, v]),
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
console.log(
  `\n${startedAt.toISOString()}, ${cpus().length} cores, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0].toFixed(2)} after, ` +
    `${Math.round((Date.now() - startedAt.getTime()) / 1000)} s\n`,
);
console.log(formatPhaseTable(report.phases));
for (const p of report.phases.filter((x) => x.recoveryMs === undefined))
  report.problems.push(`phase ${p.phase}: not caught up within the recovery timeout`);
if (report.problems.length) {
  console.log(`\nFAILED:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  '\nOK: nothing lost, nothing doubled, nothing parked, no facility over capacity, the ledger balances',
);
