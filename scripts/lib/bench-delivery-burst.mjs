// Delivery throughput of the notification service alone (own database and vhost): a burst of due
// webhook deliveries to two healthy recipients (as in the bench's burst: the duty officer's channel
// and a facility), inserted straight into its table, then the rate at which signed webhooks arrive.
// Prints the claim query's plan (EXPLAIN (ANALYZE, BUFFERS), rolled back) with the burst due, and with
// BENCH_PROFILE=1 a CPU profile of the service (self time by area and function). Run after a build:
//   node scripts/lib/bench-delivery-burst.mjs      (BENCH_BURST 2000; extra service env as BENCH_ENV='{"NOTIFY_CONCURRENCY":"64"}')
import pg from 'pg';
import { userInfo } from 'node:os';
import path from 'node:path';
import { createVhost, deleteVhost, dropDatabase, provisionDatabase } from './provision.mjs';
import { root, startPlatform } from './platform.mjs';
import { newWebhookSecret, startWebhookReceiver } from './flows.mjs';
import { collectProfile, devToken, writeProfilerHook } from './bench-profile-intake.mjs';

const BURST = Number(process.env.BENCH_BURST ?? 2000);
const PROFILE = process.env.BENCH_PROFILE === '1';
const EXTRA = JSON.parse(process.env.BENCH_ENV ?? '{}');
const log = (m) => process.stderr.write(`[delivery] ${m}\n`);
const adminUrl =
  process.env.NRM_BENCH_ADMIN_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
const amqpBase = process.env.NRM_BENCH_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const name = `nrm_delivery_${Date.now()}`;
const dir = path.join(root, 'tmp/profiles', name);

const admin = await devToken('admin', 'NC', 'bench-admin');
await provisionDatabase({ adminUrl, database: name });
const amqpUrl = await createVhost(amqpBase, name);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const db = new pg.Client({ connectionString: dbUrl.toString() });
const hook = PROFILE ? writeProfilerHook(dir, 'notification') : undefined;
const platform = await startPlatform({
  adminUrl,
  database: name,
  amqpUrl,
  basePort: 0,
  services: ['notification'],
  extraEnv: {
    '*': {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      DOCS_UI: 'false',
      NOTIFY_POLL_MS: '200',
      ...EXTRA,
      ...(hook ? { NODE_OPTIONS: `--import=${hook}` } : {}),
    },
  },
  onLine: (line, service) => {
    if (!line.startsWith('{') || /"level":"(error|fatal)"/.test(line))
      log(`${service}: ${line.slice(0, 300)}`);
  },
});
const secret = newWebhookSecret();
const receiver = await startWebhookReceiver({ secret });
let result;
try {
  await db.connect();
  const url = platform.urlOf('notification');
  const recipients = [];
  for (const org of ['MIA-SPU', 'SHELTER-BENCH']) {
    const res = await fetch(`${url}/v1/recipients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ org, channel: 'webhook', address: receiver.url, language: 'en', secret }),
    });
    if (!res.ok) throw new Error(`recipient: ${res.status} ${await res.text()}`);
    recipients.push((await res.json()).id);
  }
  const insert = (from, n, due) =>
    db.query(
      `INSERT INTO "notification".deliveries
         (id, event_id, event_type, event_occurred_at, correlation_id, recipient_id, org, channel, language, subject,
          body, variables, next_attempt_at, expires_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'shelter.admission.requested', now(), 'bench',
              ($1::uuid[])[1 + i % 2], (ARRAY['MIA-SPU','SHELTER-BENCH'])[1 + i % 2], 'webhook', 'en', 'Admission requested',
              'A person is on the way to your facility.', jsonb_build_object('caseNumber', 'NRM-2026-' || lpad(i::text, 6, '0')),
              ${due}, now() + interval '1 day'
         FROM generate_series($2::int, $3::int) AS i`,
      [recipients, from, from + n - 1],
    );
  // The claim's plan with the whole burst due (in a transaction rolled back: nothing is claimed).
  await db.query('BEGIN');
  await insert(0, BURST, 'now()');
  await db.query('ANALYZE "notification".deliveries');
  const claimSql = await claimStatement();
  const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${claimSql.sql}`, claimSql.params);
  await db.query('ROLLBACK');
  const planText = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
  log(`claim plan with ${BURST} due:\n${planText}`);

  // The burst: every delivery due at once, then a wake through the poll.
  const xacts = async () =>
    Number(
      (await db.query('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()')).rows[0]
        .xact_commit,
    );
  const xactsBefore = await xacts();
  const before = receiver.received.length;
  const t0 = Date.now();
  await insert(0, BURST, 'now()');
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && receiver.received.length - before < BURST)
    await new Promise((r) => setTimeout(r, 50));
  const got = receiver.received.slice(before);
  const first = got[0]?.at ?? t0;
  const last = got.at(-1)?.at ?? Date.now();
  result = {
    burst: BURST,
    delivered: got.length,
    badSignatures: receiver.rejected,
    perSecond: Math.round((got.length / ((last - t0) / 1000)) * 10) / 10,
    perSecondFirstToLast: Math.round((got.length / (Math.max(1, last - first) / 1000)) * 10) / 10,
    settings: EXTRA,
    planExecution: /Execution Time: ([\d.]+) ms/.exec(planText)?.[1],
  };
  // Transactions committed in the service's database per delivery (each statement outside a
  // transaction is one; the stats are sent by backends at the end of a transaction, so wait a little).
  await new Promise((r) => setTimeout(r, 1000));
  result.transactionsPerDelivery =
    Math.round((((await xacts()) - xactsBefore) / Math.max(1, got.length)) * 100) / 100;
  log(
    `${got.length}/${BURST} webhooks at ${result.perSecond}/s (${result.perSecondFirstToLast}/s first to last)`,
  );
  const stats = await db.query(
    `SELECT status, count(*)::int AS n, max(attempts)::int AS max_attempts FROM "notification".deliveries GROUP BY status`,
  );
  result.statuses = stats.rows;
  if (PROFILE) {
    result.profile = await collectProfile(platform.procs[0].child, dir, 'notification');
  }
} finally {
  await db.end().catch(() => {});
  await receiver.close();
  await platform.stop().catch(() => {});
  await dropDatabase({ adminUrl, database: name }).catch(() => {});
  await deleteVhost(amqpBase, name).catch(() => {});
}
console.log(JSON.stringify(result, null, 2));

/**
 * The dispatcher's claim statement, captured from the built repository by running `claimDue` against
 * a stand-in data source (so the plan is of the very SQL the service runs).
 */
async function claimStatement() {
  const { DeliveriesRepository } = await import(
    path.join(root, 'dist/apps/notification/src/deliveries/deliveries.repository.js')
  );
  let captured;
  const repo = new DeliveriesRepository({ query: async (sql, params) => ((captured = { sql, params }), []) });
  await repo.claimDue(64, 30_000, 8, 5);
  return captured;
}
