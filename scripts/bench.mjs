#!/usr/bin/env node
// npm run bench: the platform's speed and memory, measured on this machine, against raw baselines run
// side by side in the same run. Starts its own database and vhost on the local Postgres and
// RabbitMQ, the four built services, and prints a report (also written to bench/results.json):
//   1. intake: POST /v1/referrals throughput and latency vs the same SQL writes through `pg`;
//   1b. dead recipients: intake → a healthy webhook while three dead ones hold a backlog of 10 000;
//   2. placement: service.requested → shelter.admission.requested latency;
//   3. end to end: intake → consent → shelter request → admission webhook at a fixed rate, and the
//      delivery throughput of a burst;
//   4. scale: intake latency and list queries with BENCH_SMALL vs BENCH_LARGE referrals in the table;
//   5. peak memory (VmHWM) of every service.
// Knobs (env): BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_RATE (100/s), BENCH_SLOW_RATE (30/s),
// BENCH_E2E_SECONDS (15), BENCH_BURST (1000), BENCH_SMALL (10000), BENCH_LARGE (1000000),
// BENCH_DEAD_BACKLOG (10000), BENCH_DEAD_FLOWS (100), BENCH_SKIP_SCALE=1, BENCH_SKIP_BUILD=1 (dist is current).
// BENCH_QUICK=1: the same phases, shorter and smaller (a few minutes); every knob above still wins.
// BENCH_PHASES=intake,dead,slow,fast,burst,scale: run only those phases (default: all); the report
// lists only the figures measured. BENCH_SERVICES: the services of the whole-platform phases (default all).
// BENCH_PROFILE=1: every service of the whole-platform phases runs under V8's CPU profiler; after the
// burst the profiles are written to tmp/profiles/ and summarised (self time by area), and the scale
// and memory phases are skipped (the profiled processes have exited).
import autocannon from 'autocannon';
import { connect } from 'amqplib';
import pg from 'pg';
import { randomBytes, randomUUID, createCipheriv } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import { createVhost, deleteVhost, dropDatabase, provisionDatabase } from './lib/provision.mjs';
import { root, startPlatform } from './lib/platform.mjs';
import { devJwtKeys } from './lib/dev-keys.mjs';
import { deadRecipientsPhase } from './lib/bench-dead-recipients.mjs';
import { collectProfile, writeProfilerHook } from './lib/bench-profile-intake.mjs';
import {
  newWebhookSecret,
  prepareShelterFlow,
  intakeRequests,
  referralBody,
  reportAndRequestShelter,
  startWebhookReceiver,
} from './lib/flows.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const num = (name, full, quick = full) => Number(process.env[name] ?? (QUICK ? quick : full));
const SECONDS = num('BENCH_SECONDS', 10, 5);
const CONNECTIONS = num('BENCH_CONNECTIONS', 32);
const RATE = num('BENCH_RATE', 100);
const SLOW_RATE = num('BENCH_SLOW_RATE', 30);
const E2E_SECONDS = num('BENCH_E2E_SECONDS', 15, 5);
const BURST = num('BENCH_BURST', 1000, 300);
const SMALL = num('BENCH_SMALL', 10_000);
const LARGE = num('BENCH_LARGE', 1_000_000, 100_000);
const DEAD_BACKLOG = num('BENCH_DEAD_BACKLOG', 10_000, 2_000);
const DEAD_FLOWS = num('BENCH_DEAD_FLOWS', 100, 20);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PHASES = process.env.BENCH_PHASES ? process.env.BENCH_PHASES.split(',').map((p) => p.trim()) : null;
const phase = (name) => !PHASES || PHASES.includes(name);
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const adminUrl =
  process.env.NRM_BENCH_ADMIN_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
const amqpBase = process.env.NRM_BENCH_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const runId = `${Date.now()}`;
const database = `nrm_bench_${runId}`;
const vhost = `nrm_bench_${runId}`;
const results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  settings: {
    QUICK,
    SECONDS,
    CONNECTIONS,
    RATE,
    SLOW_RATE,
    E2E_SECONDS,
    BURST,
    SMALL,
    LARGE,
    DEAD_BACKLOG,
    DEAD_FLOWS,
  },
};

const quantile = (sorted, q) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function token(role, org, sub) {
  const { privateKeyPem } = devJwtKeys();
  return new SignJWT({ role, org })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(await importPKCS8(privateKeyPem, 'ES256'));
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    autocannon.track(instance, {
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
    });
  });
}

/** Intake over HTTP at fixed concurrency. */
async function intakeHttp(url, agency, seconds, connections) {
  const res = await cannon({
    url: `${url}/v1/referrals`,
    connections,
    duration: seconds,
    requests: intakeRequests(agency),
  });
  return {
    rps: round(res.requests.average),
    p50: res.latency.p50,
    p99: res.latency.p99,
    errors: res.non2xx + res.errors,
    total: res.requests.total,
  };
}

/** A value of the size the service stores for an encrypted field ("kid:iv:tag:ciphertext"). */
function sealed(text, key) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(text, 'utf8'), c.final()]);
  return `k1:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

/**
 * The raw baseline: the very statement intake runs (idempotency claim, victim, duplicate flags, case
 * number, referral and outbox row in one statement, its own implicit transaction), straight through
 * `pg`, at the same concurrency, for the same time. Values are sealed with AES-GCM as the service
 * does, so the rows have the same size. Runs after the service has stopped (its relay must not
 * publish the baseline's events, nor take the CPU the baseline is measured on).
 */
async function intakeRaw(url, seconds, connections) {
  // The very statements the referral service runs (exported by its intake repository).
  const sql = await import(path.join(root, 'dist/apps/referral/src/referrals/intake.repository.js'));
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // A connection still closing when the phase drops its database is terminated: not a failure.
  pool.on('error', () => {});
  const key = randomBytes(32);
  const latencies = [];
  let done = 0;
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (Date.now() < until) {
        const t0 = performance.now();
        const body = referralBody(done);
        const id = randomUUID();
        const victimId = randomUUID();
        const victimRef = `V-${randomBytes(10).toString('hex').toUpperCase()}`;
        try {
          const identifiedAt = new Date(body.identifiedAt);
          const row = {
            referralId: id,
            victimId,
            wrappedKey: sealed(randomBytes(32).toString('base64'), key),
            victimRef,
            kind: body.kind,
            reportingOrg: 'MIA',
            reportedBy: 'bench-raw',
            region: body.region,
            exploitation: body.exploitation,
            urgentNeeds: body.urgentNeeds,
            identifiedAt,
            circumstancesEnc: null,
            documentsEnc: null,
            person: {
              sex: 'female',
              ageEstimate: null,
              citizenship: 'AZ',
              languages: ['az', 'ru'],
              givenNameEnc: sealed(body.person.givenName, key),
              familyNameEnc: sealed(body.person.familyName, key),
              dateOfBirthEnc: sealed(body.person.dateOfBirth, key),
              contactEnc: sealed(body.person.contact, key),
              circumstancesEnc: sealed(body.circumstances, key),
              documentsEnc: sealed(JSON.stringify(body.documents), key),
              blindIndex: randomBytes(32).toString('base64'),
            },
          };
          const eventId = randomUUID();
          const envelope = {
            id: eventId,
            type: 'referral.reported',
            version: 2,
            occurredAt: new Date().toISOString(),
            producer: 'referral',
            correlationId: eventId,
            causationId: eventId,
            aggregateId: id,
            data: {
              referralId: id,
              caseNumber: 'NRM-0000-000000',
              victimRef,
              kind: body.kind,
              reportingOrg: 'MIA',
              region: body.region,
              identifiedAt: identifiedAt.toISOString(),
              handoverDueAt: new Date(identifiedAt.getTime() + 86_400_000).toISOString(),
              profile: {
                sex: 'female',
                ageBand: '18-24',
                child: false,
                languages: ['az', 'ru'],
                needs: body.urgentNeeds,
              },
              likelyDuplicate: false,
              exploitation: body.exploitation,
              citizenship: 'AZ',
              reportingBodyKind: 'commission_body',
            },
          };
          // The very statement of intake: claim, victim, flags, case number, referral and outbox row, one
          // implicit transaction; prepared once per connection, as the service's PreparingClient does.
          await client.query(
            { name: 'intake', text: sql.INTAKE_SQL.person },
            sql.intakeParams(
              row,
              { eventId, eventType: 'referral.reported', envelope: JSON.stringify(envelope) },
              { key: randomUUID(), requestHash: randomBytes(32).toString('base64') },
            ),
          );
          done++;
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors++;
          if (errors < 3) log(`raw baseline error: ${err.message}`);
        }
      }
    } finally {
      client.release();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    rps: round(done / elapsed),
    p50: round(quantile(latencies, 0.5)),
    p99: round(quantile(latencies, 0.99)),
    errors,
    total: done,
  };
}

/** Listens on the bench vhost for the given routing keys and records when each event arrives. */
async function tap(amqpUrl, keys) {
  const conn = await connect(amqpUrl);
  const ch = await conn.createChannel();
  const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
  for (const k of keys) await ch.bindQueue(queue, 'nrm.events', k);
  const seen = [];
  await ch.consume(
    queue,
    // The wall clock, as the services' occurredAt is: a monotonic clock drifts from it when the
    // machine's clock is stepped (seen once here: every latency 10 s below zero).
    (msg) => msg && seen.push({ at: Date.now(), env: JSON.parse(msg.content.toString()) }),
    { noAck: true },
  );
  return { seen, close: () => conn.close() };
}

/** Waits until every outbox is drained and no notification is pending, so phases do not overlap. */
async function settle(url, timeoutMs = 180_000) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM "referral".outbox WHERE published_at IS NULL) + (SELECT count(*) FROM "shelter".outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM "compensation".outbox WHERE published_at IS NULL) + (SELECT count(*) FROM "notification".outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM "notification".deliveries WHERE status IN ('pending', 'sending')) AS busy`,
      );
      if (Number(rows[0].busy) === 0) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    log('the platform did not settle in time; measuring anyway');
  } finally {
    await client.end();
  }
}

function progress(label, done, total) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r[bench] ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString()}/${total.toLocaleString()}`,
  );
  if (done >= total) process.stderr.write('\n');
}

/** Grows the referral tables to `target` rows with plausible decided cases (no deadline work). */
async function seedReferrals(url, target) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM "referral".referrals');
    let have = rows[0].n;
    const chunk = 50_000;
    while (have < target) {
      const n = Math.min(chunk, target - have);
      await client.query(
        `WITH g AS (SELECT gen_random_uuid() AS vid, gen_random_uuid() AS rid, s FROM generate_series($1::bigint, $2::bigint) s),
              v AS (INSERT INTO "referral".victims (id, victim_ref, sex, age_estimate, citizenship, languages, given_name_enc, family_name_enc, blind_index)
                    SELECT vid, 'V-SEED' || s, 'female', 25, 'AZ', ARRAY['az'], 'k1:' || md5(s::text), 'k1:' || md5((s + 1)::text), md5(s::text) FROM g RETURNING 1)
         INSERT INTO "referral".referrals (id, case_number, victim_id, victim_ref, kind, status, reporting_org, reported_by, region, exploitation, urgent_needs,
                                           identified_at, handover_due_at, handover_to_officer, handover_requested_at, handed_over_at, handover_late,
                                           approaching_notified_at, decided_at, decided_by, created_at)
         SELECT rid, 'SEED-' || s, vid, 'V-SEED' || s, 'presumed_victim', 'identified_victim', (ARRAY['MIA','MOH','SBS','SMS'])[1 + s % 4], 'seed', 'Baku',
                ARRAY['labour'], ARRAY[]::text[], now() - interval '400 days' + s * interval '1 second', now() - interval '399 days' + s * interval '1 second',
                'duty-seed', now() - interval '400 days', now() - interval '400 days', false, now() - interval '400 days', now() - interval '399 days', 'duty-seed',
                date_trunc('milliseconds', now() - interval '400 days' + s * interval '1 second')
           FROM g`,
        [have + 1, have + n],
      );
      have += n;
      progress(`seeding referrals to ${target.toLocaleString()}`, have, target);
    }
    // As after any bulk load: statistics, hint bits and the visibility map set (VACUUM ANALYZE), and
    // the load's dirty pages written (CHECKPOINT), so the figures are of intake and the lists at this
    // size, not of the load's write-back running under them.
    await client.query('VACUUM ANALYZE "referral".referrals');
    await client.query('VACUUM ANALYZE "referral".victims');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

async function listQueries(url, duty) {
  const out = {};
  for (const [name, q] of [
    ['list first page', '/v1/referrals?limit=50'],
    ['list status=reported', '/v1/referrals?status=reported&limit=50'],
    ['list overdue', '/v1/referrals?overdue=true&limit=50'],
  ]) {
    const res = await cannon({
      url: `${url}${q}`,
      connections: 8,
      duration: Math.max(3, Math.round(SECONDS / 3)),
      headers: { authorization: `Bearer ${duty}` },
    });
    out[name] = {
      rps: round(res.requests.average),
      p50: res.latency.p50,
      p99: res.latency.p99,
      errors: res.non2xx + res.errors,
    };
  }
  return out;
}

function peakRss(procs) {
  const out = {};
  for (const p of procs) {
    try {
      const status = readFileSync(`/proc/${p.child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      out[`${p.service}#${p.instance}`] = hwm ? round(Number(hwm[1]) / 1024) : null;
    } catch {
      out[`${p.service}#${p.instance}`] = null;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
if (process.env.BENCH_SKIP_BUILD !== '1') log('building the services');
if (process.env.BENCH_SKIP_BUILD !== '1')
  execFileSync(
    process.execPath,
    ['node_modules/nx/dist/bin/nx.js', 'run-many', '-t', 'build', '--output-style=static'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    },
  );
const tokens = {
  admin: await token('admin', 'NC', 'bench-admin'),
  agency: await token('agency_officer', 'MIA', 'bench-agency'),
  duty: await token('police_duty_officer', 'MIA-SPU', 'bench-duty'),
};
const onLine = (line, service) => {
  if (!line.startsWith('{') || /"level":"(error|fatal)"/.test(line)) log(`${service}: ${line.slice(0, 300)}`);
};

// 1. Intake vs raw baseline: the referral service alone, on its own database and vhost, so the
// comparison is the service's own cost against the same writes through `pg`.
if (phase('intake')) {
  const db = `${database}_intake`;
  await provisionDatabase({ adminUrl, database: db });
  const mq = await createVhost(amqpBase, `${vhost}_intake`);
  const url = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  })();
  const alone = await startPlatform({
    adminUrl,
    database: db,
    amqpUrl: mq,
    basePort: 0,
    services: ['referral'],
    extraEnv: { '*': { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', DOCS_UI: 'false' } },
    onLine,
  });
  try {
    log(
      `intake: warming up, then ${SECONDS} s at ${CONNECTIONS} connections (service), then the raw baseline`,
    );
    await intakeHttp(alone.urlOf('referral'), tokens.agency, 2, CONNECTIONS);
    const service = await intakeHttp(alone.urlOf('referral'), tokens.agency, SECONDS, CONNECTIONS);
    await alone.stop();
    const raw = await intakeRaw(url, SECONDS, CONNECTIONS);
    results.intake = { service, raw, ratio: round(service.rps / raw.rps, 2) };
    log(
      `intake ${service.rps} req/s (p50 ${service.p50} ms, p99 ${service.p99} ms) vs raw ${raw.rps} tx/s → ${results.intake.ratio}`,
    );
  } finally {
    await alone.stop().catch(() => {});
    await dropDatabase({ adminUrl, database: db }).catch(() => {});
    await deleteVhost(amqpBase, `${vhost}_intake`).catch(() => {});
  }
}

// 1b. Dead recipients: intake → a healthy MIA-SPU webhook while three dead ones (connection refused)
// hold a backlog of 10 000 deliveries (referral and notification services alone, own database and vhost).
if (phase('dead')) {
  results.deadRecipients = await deadRecipientsPhase({
    adminUrl,
    amqpBase,
    name: database,
    tokens,
    backlog: DEAD_BACKLOG,
    flows: DEAD_FLOWS,
    rate: 4,
    log,
    onLine,
  });
  const d = results.deadRecipients;
  log(
    `dead recipients: ${d.delivered}/${d.flows} alerts, p50 ${d.p50} ms p99 ${d.p99} ms; ${d.deadPendingAfter} dead deliveries still waiting`,
  );
}

if (['slow', 'fast', 'burst', 'scale'].some(phase)) {
  log(`database ${database}, vhost ${vhost}`);
  await provisionDatabase({ adminUrl, database });
  const amqpUrl = await createVhost(amqpBase, vhost);
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  })();

  const profileDir = path.join(root, 'tmp/profiles', database);
  const profiled = Object.fromEntries(
    (PROFILE ? ['referral', 'shelter', 'compensation', 'notification', 'reporting'] : []).map((s) => [
      s,
      { NODE_OPTIONS: `--import=${writeProfilerHook(profileDir, s)}` },
    ]),
  );
  const platform = await startPlatform({
    adminUrl,
    database,
    amqpUrl,
    basePort: 0,
    // BENCH_SERVICES=referral,shelter,…: only these (default: every service).
    ...(process.env.BENCH_SERVICES ? { services: process.env.BENCH_SERVICES.split(',') } : {}),
    extraEnv: {
      '*': { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', DOCS_UI: 'false' },
      ...profiled,
      notification: { NOTIFY_POLL_MS: '200', NOTIFY_BASE_DELAY_MS: '500', ...profiled.notification },
    },
    onLine,
  });
  const urls = Object.fromEntries(
    ['referral', 'shelter', 'compensation', 'notification'].map((s) => [s, platform.urlOf(s)]),
  );

  const secret = newWebhookSecret();
  const arrivals = new Map();
  const receiver = await startWebhookReceiver({
    secret,
    onDelivery: (d) => {
      if (d.payload.type === 'shelter.admission.requested') arrivals.set(d.payload.data.victimRef, d.at);
    },
  });
  try {
    // The duty officer's channel receives every referral.reported, as in production.
    const dutyHook = await fetch(`${urls.notification}/v1/recipients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        org: 'MIA-SPU',
        channel: 'webhook',
        address: receiver.url,
        language: 'en',
        secret,
      }),
    });
    if (!dutyHook.ok) throw new Error(`could not add the duty recipient: ${dutyHook.status}`);

    // 2 and 3. Placement and end-to-end latency at fixed rates -------------------------------------
    await prepareShelterFlow({ urls, tokens, webhookUrl: receiver.url, secret, capacity: 1_000_000 });
    let flowIndex = 0;
    /**
     * `rate` flows a second for `seconds` (intake → consent → shelter request → admission webhook). The
     * clients honour Retry-After (503 overloaded, 429); a flow that never reached the webhook (a call
     * refused past the drain deadline, or no webhook) counts as never completed.
     */
    const atRate = async (rate, seconds) => {
      await settle(dbUrl);
      const events = await tap(amqpUrl, [
        'referral.reported',
        'service.requested',
        'shelter.admission.requested',
      ]);
      log(
        `end to end: ${rate} flows/s for ${seconds} s (intake → consent → shelter request → admission webhook)`,
      );
      const started = new Map();
      const flows = [];
      const total = Math.round(rate * seconds);
      let retries = 0;
      let failed = 0;
      const retry = { until: Date.now() + seconds * 1000 + 60_000, onRetry: () => retries++ };
      const t0 = performance.now();
      for (let i = 0; i < total; i++) {
        const due = t0 + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const start = Date.now();
        flows.push(
          reportAndRequestShelter({ urls, agencyToken: tokens.agency, i: flowIndex++, retry }).then(
            ({ referral }) => started.set(referral.victimRef, start),
            (err) => {
              failed++;
              if (failed <= 3) log(`flow failed: ${err.message.slice(0, 200)}`);
            },
          ),
        );
      }
      await Promise.all(flows);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && [...started.keys()].some((v) => !arrivals.has(v)))
        await new Promise((r) => setTimeout(r, 100));
      const e2e = [...started]
        .filter(([v]) => arrivals.has(v))
        .map(([v, st]) => arrivals.get(v) - st)
        .sort((x, y) => x - y);
      const requestedAt = new Map(
        events.seen
          .filter((e) => e.env.type === 'service.requested')
          .map((e) => [e.env.data.requestId, e.at]),
      );
      const placement = events.seen
        .filter((e) => e.env.type === 'shelter.admission.requested' && requestedAt.has(e.env.data.requestId))
        .map((e) => e.at - requestedAt.get(e.env.data.requestId))
        .sort((x, y) => x - y);
      // The backbone alone: from the event's occurredAt (set just before its transaction commits) to a
      // consumer holding it.
      const backbone = events.seen
        .filter((e) => e.env.type === 'referral.reported')
        .map((e) => e.at - Date.parse(e.env.occurredAt))
        .sort((x, y) => x - y);
      await events.close();
      const out = {
        rate,
        seconds,
        flows: total,
        delivered: e2e.length,
        neverCompleted: total - e2e.length,
        failedCalls: failed,
        retriesAfterRetryAfter: retries,
        p50: round(quantile(e2e, 0.5)),
        p99: round(quantile(e2e, 0.99)),
        max: round(e2e.at(-1) ?? NaN),
        eventLatency: {
          events: backbone.length,
          p50: round(quantile(backbone, 0.5)),
          p99: round(quantile(backbone, 0.99)),
        },
        placement: {
          events: placement.length,
          p50: round(quantile(placement, 0.5)),
          p99: round(quantile(placement, 0.99)),
        },
      };
      log(
        `at ${rate}/s: ${out.delivered}/${total} delivered (${out.neverCompleted} never completed, ${retries} retries), p50 ${out.p50} ms p99 ${out.p99} ms`,
      );
      return out;
    };
    if (phase('slow')) {
      results.endToEndSlow = await atRate(SLOW_RATE, E2E_SECONDS);
      results.eventLatency = results.endToEndSlow.eventLatency;
      results.placement = results.endToEndSlow.placement;
    }
    if (phase('fast')) results.endToEnd = await atRate(RATE, E2E_SECONDS);

    if (phase('burst')) {
      await settle(dbUrl);
      // Delivery throughput: a burst of flows as fast as 32 clients can (honouring Retry-After), then
      // count webhooks per second.
      log(`delivery throughput: a burst of ${BURST} flows`);
      const admissions = () =>
        receiver.received.filter((d) => d.payload.type === 'shelter.admission.requested');
      const before = admissions().length;
      const burstStart = Date.now();
      let next = 0;
      let burstFailed = 0;
      const burstRetry = { until: Date.now() + 180_000 };
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < BURST) {
            next++;
            await reportAndRequestShelter({
              urls,
              agencyToken: tokens.agency,
              i: flowIndex++,
              retry: burstRetry,
            }).catch((err) => {
              burstFailed++;
              if (burstFailed <= 3) log(`burst flow failed: ${err.message.slice(0, 200)}`);
            });
          }
        }),
      );
      const burstDeadline = Date.now() + 60_000;
      while (Date.now() < burstDeadline && admissions().length - before < BURST - burstFailed)
        await new Promise((r) => setTimeout(r, 100));
      const burstDelivered = admissions().slice(before);
      const firstAt = burstDelivered[0]?.at ?? burstStart;
      const lastAt = burstDelivered.at(-1)?.at ?? Date.now();
      results.deliveryThroughput = {
        flows: BURST,
        delivered: burstDelivered.length,
        neverCompleted: BURST - burstDelivered.length,
        failedFlows: burstFailed,
        // From the burst's start (the issue's figure) and between the first and the last webhook.
        perSecond: round(burstDelivered.length / ((lastAt - burstStart) / 1000)),
        perSecondWhileDelivering: round(burstDelivered.length / (Math.max(1, lastAt - firstAt) / 1000)),
        badSignatures: receiver.rejected,
      };
      log(
        `delivered ${burstDelivered.length}/${BURST} admission webhooks at ${results.deliveryThroughput.perSecond}/s`,
      );
    }

    if (PROFILE) {
      results.profiles = {};
      for (const p of platform.procs) {
        const summary = await collectProfile(p.child, profileDir, p.service);
        results.profiles[p.service] = summary;
        log(
          `profile ${p.service} (${summary.totalMs} ms): ${summary.areas
            .slice(0, 10)
            .map((a) => `${a.what} ${a.share}%`)
            .join(', ')}`,
        );
      }
      writeFileSync(path.join(profileDir, 'summary.json'), JSON.stringify(results.profiles, null, 2));
      log(`profiles in ${profileDir}`);
    }

    // 4. Scale: small vs large table ----------------------------------------------------------------
    if (!PROFILE && process.env.BENCH_SKIP_SCALE !== '1' && phase('scale')) {
      results.scale = {};
      for (const size of [SMALL, LARGE]) {
        await settle(dbUrl);
        await seedReferrals(dbUrl, size);
        // Warm at both sizes alike (the first size would otherwise also measure a cold service).
        await intakeHttp(urls.referral, tokens.agency, 2, 16);
        const intake = await intakeHttp(
          urls.referral,
          tokens.agency,
          Math.max(3, Math.round(SECONDS / 2)),
          16,
        );
        const lists = await listQueries(urls.referral, tokens.duty);
        results.scale[size] = { intake, lists };
        log(
          `${size.toLocaleString()} referrals: intake p50 ${intake.p50} ms p99 ${intake.p99} ms; first page p99 ${lists['list first page'].p99} ms; overdue p99 ${lists['list overdue'].p99} ms`,
        );
      }
    }

    // 5. Memory ----------------------------------------------------------------------------------
    if (!PROFILE) results.peakRssMiB = peakRss(platform.procs);
  } finally {
    await receiver.close();
    await platform.stop();
    await dropDatabase({ adminUrl, database }).catch(() => {});
    await deleteVhost(amqpBase, vhost).catch(() => {});
  }
}

// Report: every figure of the performance issue with its goal, side by side with the raw baseline --
const ms = (x) => `${x} ms`;
const fmtN = (n) => Number(n).toLocaleString('en');
const table = [];
const figure = (name, measured, baseline, goal, met) =>
  table.push({ figure: name, measured, baseline: baseline ?? '', goal, met });
if (results.intake) {
  const { service, raw, ratio } = results.intake;
  figure(
    `intake, service vs raw baseline (${CONNECTIONS} connections)`,
    `${service.rps} req/s (p50 ${service.p50}, p99 ${service.p99} ms, ${service.errors} errors) → ratio ${ratio}`,
    `${raw.rps} tx/s (p50 ${raw.p50}, p99 ${raw.p99} ms)`,
    'ratio ≥ 0.70',
    ratio >= 0.7,
  );
}
if (results.endToEnd) {
  const e = results.endToEnd;
  figure(
    `end to end at ${e.rate} flows/s for ${e.seconds} s`,
    `${e.delivered} of ${e.flows} delivered; p50 ${ms(e.p50)}, p99 ${ms(e.p99)}; ${e.retriesAfterRetryAfter} retries after Retry-After`,
    '',
    'every flow completed; p99 < 1 s',
    e.neverCompleted === 0 && e.p99 < 1000,
  );
}
if (results.endToEnd && results.endToEndSlow && results.deliveryThroughput) {
  const never =
    results.endToEnd.neverCompleted +
    results.endToEndSlow.neverCompleted +
    results.deliveryThroughput.neverCompleted;
  figure(
    'flows that never completed (both rates and the burst)',
    `${never} (${results.endToEndSlow.neverCompleted} / ${results.endToEnd.neverCompleted} / ${results.deliveryThroughput.neverCompleted})`,
    '',
    '0',
    never === 0,
  );
}
if (results.endToEndSlow) {
  const e = results.endToEndSlow;
  figure(
    `end to end at ${e.rate} flows/s`,
    `${e.delivered} of ${e.flows} delivered; p50 ${ms(e.p50)}, p99 ${ms(e.p99)}`,
    '',
    'p99 < 250 ms',
    e.neverCompleted === 0 && e.p99 < 250,
  );
}
if (results.deliveryThroughput) {
  const d = results.deliveryThroughput;
  figure(
    `webhook deliveries in the ${fmtN(d.flows)}-flow burst`,
    `${d.perSecond} /s (${d.perSecondWhileDelivering} /s first to last webhook; ${d.delivered}/${d.flows})`,
    '',
    '≥ 300 /s',
    d.perSecond >= 300,
  );
}
if (results.scale?.[LARGE] && results.scale?.[SMALL]) {
  const small = results.scale[SMALL].intake;
  const large = results.scale[LARGE].intake;
  const grow = round(large.p99 / small.p99, 2);
  figure(
    `intake at ${fmtN(LARGE)} vs ${fmtN(SMALL)} referrals`,
    `${large.rps} vs ${small.rps} /s; p99 ${large.p99} vs ${small.p99} ms (${grow}×)`,
    '',
    'p99 within 1.5×',
    grow <= 1.5,
  );
}
if (results.peakRssMiB) {
  const rss = Object.entries(results.peakRssMiB ?? {});
  figure(
    'peak RSS ' + rss.map(([p]) => p.replace(/#\d+$/, '')).join(' / '),
    `${rss.map(([, m]) => m).join(' / ')} MiB`,
    '',
    'each < 150 MiB',
    rss.length > 0 && rss.every(([, m]) => m !== null && m < 150),
  );
}
if (results.deadRecipients) {
  const d = results.deadRecipients;
  figure(
    `intake → healthy webhook, 3 dead recipients holding ${fmtN(d.backlog)}`,
    `${d.delivered}/${d.flows}; p50 ${ms(d.p50)}, p99 ${ms(d.p99)}`,
    '',
    'p99 < 1 s',
    d.delivered === d.flows && d.p99 < 1000,
  );
}
if (results.eventLatency) {
  figure(
    `event latency, commit → consumer (at ${SLOW_RATE}/s)`,
    `p50 ${ms(results.eventLatency.p50)}, p99 ${ms(results.eventLatency.p99)}`,
    '',
    '—',
    null,
  );
  figure(
    `placement, service.requested → admission (at ${SLOW_RATE}/s)`,
    `p50 ${ms(results.placement.p50)}, p99 ${ms(results.placement.p99)}`,
    '',
    '—',
    null,
  );
}
for (const [size, sc] of Object.entries(results.scale ?? {})) {
  for (const [name, l] of Object.entries(sc.lists))
    figure(
      `${name} (${fmtN(size)})`,
      `${l.rps} req/s; p50 ${ms(l.p50)}, p99 ${ms(l.p99)}; errors ${l.errors}`,
      '',
      '—',
      null,
    );
}
results.table = table;
results.finishedAt = new Date().toISOString();
mkdirSync(path.join(root, 'bench'), { recursive: true });
writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
const head = ['figure', 'measured', 'raw baseline', 'goal', 'met'];
const cells = table.map((r) => [
  r.figure,
  r.measured,
  r.baseline,
  r.goal,
  r.met === null ? '' : r.met ? 'yes' : 'NO',
]);
const widths = head.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
console.log(
  `\nbench ${QUICK ? '(BENCH_QUICK=1) ' : ''}${results.startedAt} → ${results.finishedAt}, ${results.machine.cpus} cpus, node ${results.machine.node}`,
);
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of cells) console.log(line(r));
console.log('\nwritten to bench/results.json');
