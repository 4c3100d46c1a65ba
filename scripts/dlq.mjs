#!/usr/bin/env node
// npm run dlq -- list <service> [--limit N]
// npm run dlq -- replay <service> (--id EVENT_ID | --all)
// Parked messages of a service (<service>.events.dlq): list them (id, type, reason, when, attempts),
// or put them back on the service's OWN queue (default exchange, queue <service>.events) once the
// cause is fixed; the service's inbox makes a replay of an already handled event harmless.
// Env: AMQP_URL (default amqp://guest:guest@localhost:5672, vhost included).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { connect } from 'amqplib';
import { root } from './lib/platform.mjs';
import { SERVICES } from './lib/provision.mjs';

const [command, service, ...rest] = process.argv.slice(2);
const flag = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? (rest[i + 1] ?? '') : undefined;
};
const usage = () => {
  process.stderr.write(
    'usage: npm run dlq -- list <service> [--limit N]\n       npm run dlq -- replay <service> (--id EVENT_ID | --all)\n' +
      `services: ${SERVICES.join(', ')}\n`,
  );
  process.exit(2);
};
if (!['list', 'replay'].includes(command) || !SERVICES.includes(service)) usage();
if (command === 'replay' && !rest.includes('--all') && !flag('--id')) usage();

const lib = path.join(root, 'dist/libs/shared/src/messaging/parked-messages.js');
if (!existsSync(lib)) {
  process.stderr.write('[dlq] building the shared library\n');
  execFileSync(
    process.execPath,
    ['node_modules/nx/dist/bin/nx.js', 'run-many', '-t', 'build', '--output-style=static'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    },
  );
}
const { listParkedMessages, replayParkedMessages } = await import(lib);
const conn = await connect(process.env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672');
try {
  const channel = await conn.createConfirmChannel();
  if (command === 'list') {
    const { total, items } = await listParkedMessages(channel, service, Number(flag('--limit') ?? 1000));
    const rows = [
      ['id', 'type', 'parked at', 'attempts', 'reason'],
      ...items.map((m) => [m.id, m.type, m.parkedAt ?? '-', String(m.attempts), m.reason]),
    ];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows)
      console.log(r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]))).join('  '));
    console.log(
      `\n${total} parked in ${service}.events.dlq${items.length < total ? ` (${items.length} shown)` : ''}`,
    );
  } else {
    const { replayed } = await replayParkedMessages(
      channel,
      service,
      rest.includes('--all') ? { all: true } : { id: flag('--id') },
    );
    for (const id of replayed) console.log(`replayed ${id} → ${service}.events`);
    console.log(`${replayed.length} message(s) put back on ${service}.events`);
    if (!rest.includes('--all') && replayed.length === 0) process.exitCode = 1;
  }
  await channel.close();
} finally {
  await conn.close();
}
