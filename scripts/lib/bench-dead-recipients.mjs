// Benchmark phase: intake → a healthy recipient's webhook, while three dead recipients (connection
// refused) of the same organisation, MIA-SPU, hold a backlog of deliveries. The referral and
// notification services run alone, on a database and vhost of their own.
// Run on its own: node scripts/lib/bench-dead-recipients.mjs (after `npm run build`).
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createVhost, deleteVhost, dropDatabase, provisionDatabase } from './provision.mjs';
import { freePort, startPlatform } from './platform.mjs';
import { newWebhookSecret, referralBody, startWebhookReceiver } from './flows.mjs';

const quantile = (sorted, q) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function post(base, path, token, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/**
 * Returns `{ backlog, flows, delivered, p50, p99, max, deadPendingAfter, deadAttempts, openCircuits }`
 * (latencies in ms, from just before `POST /v1/referrals` to the signed webhook at the healthy receiver).
 */
export async function deadRecipientsPhase({
  adminUrl,
  amqpBase,
  name,
  tokens,
  backlog = 10_000,
  flows = 40,
  rate = 4,
  log = () => {},
  onLine,
}) {
  const database = `${name}_dead`;
  const vhost = `${name}_dead`;
  await provisionDatabase({ adminUrl, database });
  const amqpUrl = await createVhost(amqpBase, vhost);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${database}`;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  const platform = await startPlatform({
    adminUrl,
    database,
    amqpUrl,
    basePort: 0,
    services: ['referral', 'notification'],
    extraEnv: { '*': { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', DOCS_UI: 'false' } },
    onLine,
  });
  const secret = newWebhookSecret();
  const arrivals = new Map();
  const receiver = await startWebhookReceiver({
    secret,
    onDelivery: (d) => {
      if (d.payload.type === 'referral.reported') arrivals.set(d.payload.data.caseNumber, d.at);
    },
  });
  try {
    await db.connect();
    const notification = platform.urlOf('notification');
    const referral = platform.urlOf('referral');
    // Three dead receivers: ports nothing listens on (connection refused).
    const dead = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const r = await post(notification, '/v1/recipients', tokens.admin, {
        org: 'MIA-SPU',
        channel: 'webhook',
        address: `http://127.0.0.1:${port}/hooks/dead-${i}`,
        language: 'en',
        secret: newWebhookSecret(),
      });
      dead.push(r.id);
    }
    // Their backlog: earlier alerts, all due now and older than anything the healthy one will get.
    log(`dead recipients: a backlog of ${backlog.toLocaleString()} deliveries to 3 dead MIA-SPU webhooks`);
    await db.query(
      `INSERT INTO "notification".deliveries
         (id, event_id, event_type, event_occurred_at, correlation_id, recipient_id, org, channel, language, subject,
          body, variables, next_attempt_at, expires_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'referral.reported', now() - interval '10 minutes', 'bench',
              ($1::uuid[])[1 + i % 3], 'MIA-SPU', 'webhook', 'en', 'URGENT: new referral', 'A referral was reported.',
              '{}'::jsonb, now() - interval '10 minutes' + i * interval '1 millisecond', now() + interval '1 day'
         FROM generate_series(0, $2 - 1) AS i`,
      [dead, backlog],
    );
    const healthy = await post(notification, '/v1/recipients', tokens.admin, {
      org: 'MIA-SPU',
      channel: 'webhook',
      address: receiver.url,
      language: 'en',
      secret,
    });
    log(`dead recipients: ${flows} referrals at ${rate}/s to the healthy recipient ${healthy.id}`);
    const started = new Map();
    const t0 = performance.now();
    const calls = [];
    for (let i = 0; i < flows; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const start = Date.now();
      calls.push(
        post(referral, '/v1/referrals', tokens.agency, referralBody(i), {
          'idempotency-key': randomUUID(),
        }).then(
          (r) => started.set(r.caseNumber, start),
          (err) => log(`dead recipients: intake failed: ${err.message}`),
        ),
      );
    }
    await Promise.all(calls);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && [...started.keys()].some((c) => !arrivals.has(c)))
      await new Promise((r) => setTimeout(r, 50));
    const inOrder = [...started].filter(([c]) => arrivals.has(c)).map(([c, s]) => arrivals.get(c) - s);
    const latencies = [...inOrder].sort((a, b) => a - b);
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, coalesce(sum(attempts), 0)::int AS attempts
         FROM "notification".deliveries WHERE recipient_id = ANY($1::uuid[])`,
      [dead],
    );
    const circuits = await db.query(
      `SELECT count(*)::int AS n FROM "notification".recipient_circuits WHERE open_until > now()`,
    );
    return {
      backlog,
      flows,
      delivered: latencies.length,
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? NaN),
      first: inOrder.slice(0, 5),
      deadPendingAfter: rows[0].pending,
      deadAttempts: rows[0].attempts,
      openCircuits: circuits.rows[0].n,
    };
  } finally {
    await db.end().catch(() => {});
    await receiver.close();
    await platform.stop();
    await dropDatabase({ adminUrl, database }).catch(() => {});
    await deleteVhost(amqpBase, vhost).catch(() => {});
  }
}

// Standalone: node scripts/lib/bench-dead-recipients.mjs
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { SignJWT, importPKCS8 } = await import('jose');
  const { devJwtKeys } = await import('./dev-keys.mjs');
  const key = await importPKCS8(devJwtKeys().privateKeyPem, 'ES256');
  const token = (role, org) =>
    new SignJWT({ role, org })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(`bench-${role}`)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(key);
  const adminUrl =
    process.env.NRM_BENCH_ADMIN_DATABASE_URL ??
    `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
  const amqpBase = process.env.NRM_BENCH_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
  const result = await deadRecipientsPhase({
    adminUrl,
    amqpBase,
    name: `nrm_bench_${Date.now()}`,
    tokens: { admin: await token('admin', 'NC'), agency: await token('agency_officer', 'MIA') },
    backlog: Number(process.env.BENCH_DEAD_BACKLOG ?? 10_000),
    flows: Number(process.env.BENCH_DEAD_FLOWS ?? 40),
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
    onLine: (line, service) => {
      if (!line.startsWith('{') || /"level":"(error|fatal)"/.test(line))
        process.stderr.write(`[bench] ${service}: ${line.slice(0, 300)}\n`);
    },
  });
  console.log(JSON.stringify(result, null, 2));
}
