// The chaos run: the whole platform (two instances of every service) under a steady stream of
// referrals with shelter requests, payouts and notifications, in phases:
// - crashes: service instances are killed with SIGKILL and restarted, every RabbitMQ connection is
//   closed and every Postgres connection of the run's database is terminated;
// - db:<service>: that service's database is unreachable for `outageMs` (a TCP proxy between it and
//   Postgres drops every connection and refuses new ones);
// - broker: RabbitMQ is unreachable for every service for `outageMs` (a TCP proxy in front of it);
// - dead-recipients: every webhook endpoint refuses connections for `outageMs`, a backlog builds up.
// The shared Postgres and RabbitMQ are never stopped. After each phase the run waits until the
// platform has caught up (its recovery time); at the end the books are checked: nothing lost, nothing
// doubled, nothing parked. Used by `npm run chaos` (60 s outages) and, shorter, by `npm test`.
import pg from 'pg';
import amqp from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { createVhost, deleteVhost, dropDatabase, managementUrl, provisionDatabase } from './provision.mjs';
import { SERVICES, startPlatform, waitReady } from './platform.mjs';
import { devJwtKeys } from './dev-keys.mjs';
import { newWebhookSecret, referralBody, startWebhookReceiver } from './flows.mjs';
import { TcpProxy } from './tcp-proxy.mjs';

/** Every phase, in the order run. */
export const PHASES = [
  'crashes',
  'db:referral',
  'db:shelter',
  'db:compensation',
  'db:notification',
  'db:reporting',
  'broker',
  'dead-recipients',
];
/** Services with a queue of their own (compensation consumes nothing). */
const CONSUMERS = ['referral', 'shelter', 'notification', 'reporting'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A client that spreads calls over the live instances of a service and retries what failed to connect
 * or was answered 5xx, as a well-behaved client does: it waits at least what `Retry-After` asks (with
 * jitter), backs off exponentially otherwise, and gives up only after `giveUpAfterMs`.
 */
function client(procs, log) {
  const live = (service) => procs.filter((p) => p.service === service);
  return async function call(
    service,
    method,
    path,
    token,
    body,
    headers = {},
    { giveUpAfterMs = 300_000, retryOn = [500, 502, 503, 504] } = {},
  ) {
    let lastError;
    const deadline = Date.now() + giveUpAfterMs;
    for (let attempt = 0; ; attempt++) {
      const candidates = live(service);
      const proc = candidates[(attempt + Math.floor(Math.random() * candidates.length)) % candidates.length];
      let retryAfterMs = 0;
      try {
        const res = await fetch(`${proc.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (retryOn.includes(res.status)) {
          lastError = new Error(`${res.status}`);
          retryAfterMs = (Number(res.headers.get('retry-after')) || 0) * 1000;
        } else {
          return { status: res.status, body: text ? JSON.parse(text) : undefined };
        }
      } catch (err) {
        lastError = err; // refused (instance killed), reset, or timed out: try again, maybe elsewhere
      }
      if (Date.now() >= deadline) break;
      const backoffMs = Math.min(100 * 2 ** Math.min(attempt, 5), 2000);
      await sleep(Math.max(backoffMs, retryAfterMs) * (0.75 + Math.random() / 2));
    }
    log(`giving up ${method} ${path}: ${lastError?.message}`);
    return { status: 0, body: undefined };
  };
}

async function mgmt(amqpUrl, path, init = {}) {
  const u = new URL(amqpUrl);
  const auth =
    'Basic ' +
    Buffer.from(
      `${decodeURIComponent(u.username || 'guest')}:${decodeURIComponent(u.password || 'guest')}`,
    ).toString('base64');
  const res = await fetch(`${managementUrl(amqpUrl)}/api${path}`, {
    ...init,
    headers: { authorization: auth, ...(init.headers ?? {}) },
  });
  if (!res.ok && res.status !== 404) throw new Error(`management API ${path}: ${res.status}`);
  return res.status === 204 || res.status === 404 ? undefined : res.json();
}

/** Closes every client connection of the vhost through RabbitMQ's management API. */
async function closeBrokerConnections(amqpUrl, vhost) {
  const conns = (await mgmt(amqpUrl, `/vhosts/${encodeURIComponent(vhost)}/connections`)) ?? [];
  for (const c of conns)
    await mgmt(amqpUrl, `/connections/${encodeURIComponent(c.name)}`, {
      method: 'DELETE',
      headers: { 'x-reason': 'chaos' },
    }).catch(() => {});
  return conns.length;
}

/** Terminates every connection to the run's database (never the server: other runs share it). */
async function terminateConnections(adminUrl, database) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return `terminated ${rowCount}`;
  } finally {
    await c.end();
  }
}

/** Messages parked in every consumer's `.dlq` now (exact counts, not the management API's sampled ones). */
async function parkedNow(amqpUrl) {
  const conn = await amqp.connect(amqpUrl);
  try {
    let n = 0;
    for (const c of CONSUMERS) {
      const ch = await conn.createChannel();
      ch.on('error', () => {});
      n += await ch.checkQueue(`${c}.events.dlq`).then(
        (q) => q.messageCount,
        () => 0,
      );
      await ch.close().catch(() => {});
    }
    return n;
  } finally {
    await conn.close().catch(() => {});
  }
}

/** Waits until the outbox of every schema is empty and every queue of the vhost is drained. */
async function settle(dbUrl, amqpUrl, vhost, timeoutMs, log) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const c = new pg.Client({ connectionString: dbUrl });
    let unsent = 0;
    let pendingDeliveries = 0;
    try {
      await c.connect();
      for (const s of ['referral', 'shelter', 'compensation', 'notification']) {
        unsent += Number(
          (await c.query(`SELECT count(*) AS n FROM "${s}".outbox WHERE published_at IS NULL`)).rows[0].n,
        );
      }
      pendingDeliveries = Number(
        (
          await c.query(
            `SELECT count(*) AS n FROM "notification".deliveries WHERE status IN ('pending', 'sending')`,
          )
        ).rows[0].n,
      );
    } catch {
      unsent = -1;
    } finally {
      await c.end().catch(() => {});
    }
    const queues = (
      (await mgmt(amqpUrl, `/queues/${encodeURIComponent(vhost)}`).catch(() => [])) ?? []
    ).filter((q) => !q.name.startsWith('amq.'));
    const busy = queues.filter(
      (q) => !q.name.endsWith('.dlq') && q.name !== 'nrm.events.unrouted' && (q.messages ?? 0) > 0,
    );
    last = `unsent outbox ${unsent}, pending deliveries ${pendingDeliveries}, busy queues ${busy.map((q) => `${q.name}=${q.messages}`).join(' ') || 'none'}`;
    if (unsent === 0 && pendingDeliveries === 0 && busy.length === 0) return { settled: true, queues };
    await sleep(1000);
  }
  log(`did not settle: ${last}`);
  return {
    settled: false,
    queues: (await mgmt(amqpUrl, `/queues/${encodeURIComponent(vhost)}`).catch(() => [])) ?? [],
  };
}

/**
 * The run. Returns { injected, counted, phases, problems, accepted } and never throws for a finding.
 * `phases` (default {@link PHASES}) chooses what is injected; `outageMs` is how long each outage lasts;
 * `durationSeconds` is the length of the crash phase.
 */
export async function runChaos({
  adminUrl,
  amqpBaseUrl,
  durationSeconds = 60,
  rate = 5,
  outageMs = 60_000,
  phases = PHASES,
  recoveryTimeoutMs = 240_000,
  jwtPrivateKeyPem,
  jwtPublicKeyPem,
  log = (m) => process.stderr.write(`[chaos] ${m}\n`),
  keep = false,
  killEveryInstance = true,
}) {
  const unknown = phases.filter((p) => !PHASES.includes(p));
  if (unknown.length) throw new Error(`unknown chaos phases: ${unknown.join(', ')}`);
  const runId = `${Date.now()}_${randomBytes(2).toString('hex')}`;
  const database = `nrm_chaos_${runId}`;
  const vhost = `nrm_chaos_${runId}`;
  await provisionDatabase({ adminUrl, database });
  const amqpUrl = await createVhost(amqpBaseUrl, vhost);
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  })();
  const { privateKeyPem, publicKeyPem } = jwtPrivateKeyPem
    ? { privateKeyPem: jwtPrivateKeyPem, publicKeyPem: jwtPublicKeyPem }
    : devJwtKeys();
  const key = await importPKCS8(privateKeyPem, 'ES256');
  const token = (role, org, sub) =>
    new SignJWT({ role, org })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(key);
  const tokens = {
    admin: await token('admin', 'NC', 'chaos-admin'),
    agency: await token('agency_officer', 'MIA', 'chaos-agency'),
    officer: await token('fund_officer', 'FUND', 'chaos-maker'),
    approver: await token('fund_approver', 'FUND', 'chaos-checker'),
  };
  const secret = newWebhookSecret();
  const duty = await startWebhookReceiver({ secret });
  const shelterHook = await startWebhookReceiver({ secret });
  const fundHook = await startWebhookReceiver({ secret });
  // Every dependency of the services goes through a proxy that a phase can cut.
  const hookProxies = await Promise.all(
    [duty, shelterHook, fundHook].map((h) => new TcpProxy('127.0.0.1', Number(new URL(h.url).port)).start()),
  );
  const pgTarget = new URL(adminUrl);
  const dbProxies = Object.fromEntries(
    await Promise.all(
      SERVICES.map(async (s) => [
        s,
        await new TcpProxy(
          pgTarget.hostname === 'localhost' ? '127.0.0.1' : pgTarget.hostname,
          Number(pgTarget.port || 5432),
        ).start(),
      ]),
    ),
  );
  const mqTarget = new URL(amqpUrl);
  const brokerProxy = await new TcpProxy(
    mqTarget.hostname === 'localhost' ? '127.0.0.1' : mqTarget.hostname,
    Number(mqTarget.port || 5672),
  ).start();
  const injected = {
    sigkill: 0,
    brokerConnectionsClosed: 0,
    postgresRestarts: 0,
    databaseOutages: 0,
    brokerOutages: 0,
    recipientOutages: 0,
  };
  const proxies = [...hookProxies, ...Object.values(dbProxies), brokerProxy];
  const hooks = [duty, shelterHook, fundHook];
  const platform = await startPlatform({
    adminUrl,
    database,
    amqpUrl,
    instances: 2,
    basePort: 0,
    // Ten processes on a small machine take their time.
    readyTimeoutMs: 240_000,
    rewriteDatabaseUrl: (service, url) => dbProxies[service].rewrite(url),
    rewriteAmqpUrl: (_service, url) => brokerProxy.rewrite(url),
    extraEnv: {
      '*': {
        JWT_PUBLIC_KEY: publicKeyPem,
        LOG_LEVEL: 'warn',
        DOCS_UI: 'false',
        RATE_LIMIT_PER_MINUTE: '1000000',
        OUTBOX_POLL_MS: '250',
        AMQP_RETRY_DELAY_MS: '250',
      },
      // Recipients may be dead for a whole outage: enough attempts that none is given up, and an open
      // circuit probes at least every 5 s, so the backlog goes out soon after they answer again.
      notification: {
        NOTIFY_BASE_DELAY_MS: '250',
        NOTIFY_MAX_DELAY_MS: '2000',
        NOTIFY_POLL_MS: '250',
        NOTIFY_MAX_ATTEMPTS: '50',
        NOTIFY_CIRCUIT_COOLDOWN_MS: '1000',
        NOTIFY_CIRCUIT_MAX_COOLDOWN_MS: '5000',
        NOTIFY_DUTY_ALERT_AFTER_ATTEMPTS: '50',
      },
      referral: { DEADLINE_SCAN_MS: '1000' },
    },
  }).catch(async (err) => {
    await Promise.all([...hooks.map((h) => h.close()), ...proxies.map((p) => p.stop())]);
    if (!keep) {
      await dropDatabase({ adminUrl, database }).catch(() => {});
      await deleteVhost(amqpBaseUrl, vhost).catch(() => {});
    }
    throw err;
  });
  const call = client(platform.procs, log);
  // What the platform accepted, with when (each phase's figures are the flows accepted during it).
  const accepted = { referrals: new Map(), shelterRequests: new Map(), payouts: new Map() };
  const phaseRows = [];
  const problems = [];
  try {
    // Set-up: who receives what, a shelter smaller than the demand, a funded Fund.
    const facility = `FAC-CHAOS-${randomBytes(2).toString('hex').toUpperCase()}`;
    for (const [org, hook] of [
      ['MIA-SPU', duty],
      [facility, shelterHook],
      ['FUND', fundHook],
    ]) {
      const address = hookProxies[[duty, shelterHook, fundHook].indexOf(hook)].rewrite(hook.url);
      await call('notification', 'POST', '/v1/recipients', tokens.admin, {
        org,
        channel: 'webhook',
        address,
        language: 'en',
        secret,
      });
    }
    const capacity = Math.max(3, Math.floor((durationSeconds * rate) / 3));
    await call('shelter', 'POST', '/v1/facilities', tokens.admin, {
      code: facility,
      name: 'Chaos shelter',
      kind: 'shelter',
      region: 'Baku',
      operator: 'state',
      capacity,
      accepts: { sexes: ['female', 'male', 'other', 'unknown'], children: false, minAge: 18, maxAge: 120 },
      languages: ['az'],
    });
    await call('compensation', 'POST', '/v1/fund/inflows', tokens.officer, {
      source: 'state_budget',
      amountMinor: 1_000_000_000,
      reference: `CHAOS-${runId}`,
    });

    // The load.
    let stop = false;
    let n = 0;
    const flows = [];
    const referralFlow = async (i) => {
      const key = randomUUID();
      const r = await call('referral', 'POST', '/v1/referrals', tokens.agency, referralBody(i), {
        'idempotency-key': key,
      });
      if (r.status !== 201 && r.status !== 200) return;
      accepted.referrals.set(r.body.id, { ...r.body, acceptedAt: Date.now() });
      const c = await call('referral', 'POST', `/v1/victims/${r.body.victimRef}/consents`, tokens.agency, {
        purpose: 'shelter_placement',
        granted: true,
      });
      if (c.status !== 201) return;
      // Keyed like the intake: a retry after a timeout gets the request the first call made.
      const s = await call(
        'referral',
        'POST',
        `/v1/victims/${r.body.victimRef}/service-requests`,
        tokens.agency,
        { service: 'shelter' },
        { 'idempotency-key': randomUUID() },
      );
      if (s.status === 201) accepted.shelterRequests.set(s.body.id, Date.now());
      if (i % 2 === 0) await payoutFlow(r.body);
    };
    const payoutFlow = async (referral) => {
      const claim = await call('compensation', 'POST', '/v1/claims', tokens.officer, {
        victimRef: referral.victimRef,
        caseNumber: referral.caseNumber,
        claimedMaterialMinor: 500_00,
        claimedMoralMinor: 500_00,
      });
      if (claim.status !== 201) return;
      const decision = await call(
        'compensation',
        'POST',
        `/v1/claims/${claim.body.id}/court-decisions`,
        tokens.officer,
        {
          court: 'Baku Grave Crimes Court',
          decisionNumber: `CH-${randomBytes(3).toString('hex')}`,
          decidedAt: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
          awardedMinor: 1000_00,
          fundPaymentOrdered: true,
        },
      );
      if (decision.status !== 201) return;
      // A decision counts once a second person (an approver) confirmed it.
      const decisionId = decision.body.courtDecisions.at(-1).id;
      const confirmed = await call(
        'compensation',
        'POST',
        `/v1/claims/${claim.body.id}/court-decisions/${decisionId}/confirm`,
        tokens.approver,
        {},
      );
      if (confirmed.status !== 200) return;
      const idem = randomUUID();
      const payout = await call(
        'compensation',
        'POST',
        '/v1/payouts',
        tokens.officer,
        {
          claimId: claim.body.id,
          amountMinor: 250_00,
          method: 'cash',
          methodChosenBy: 'victim',
          beneficiaryName: 'Chaos Beneficiary',
        },
        { 'idempotency-key': idem },
      );
      if (payout.status !== 201 && payout.status !== 200) return;
      const id = payout.body.id;
      accepted.payouts.set(id, 'pending_approval');
      // Drive it to the end whatever the failures: read the state, do the next step.
      for (let step = 0; step < 20; step++) {
        const cur = await call('compensation', 'GET', `/v1/payouts/${id}`, tokens.officer);
        const status = cur.body?.status;
        if (status) accepted.payouts.set(id, status);
        if (status === 'disbursed' || status === 'settled') return;
        if (status === 'pending_approval')
          await call('compensation', 'POST', `/v1/payouts/${id}/approve`, tokens.approver, {});
        else if (status === 'approved')
          await call('compensation', 'POST', `/v1/payouts/${id}/cash-disbursement`, tokens.officer, {
            receiptNumber: `R-${id.slice(0, 8)}`,
            identityDocument: 'AZE 1234567',
          });
        else await sleep(200);
      }
    };
    const driver = (async () => {
      const started = Date.now();
      while (!stop) {
        const due = started + (n * 1000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
        flows.push(referralFlow(n++).catch((err) => log(`flow error: ${err.message}`)));
      }
    })();

    // A pool: the crash phase terminates every connection of the database, this one's too.
    const admin = new pg.Pool({ connectionString: dbUrl, max: 2 });
    admin.on('error', () => {});
    const alerted = () =>
      new Set(
        duty.received
          .filter((x) => x.payload.type === 'referral.reported')
          .map((x) => x.payload.data.caseNumber),
      );
    /**
     * Whether the platform has caught up with what it accepted since `since`: every referral told to
     * the duty officer, every shelter request known to the shelter service, nothing written before
     * `restoredAt` still unpublished in the outboxes of `services`, and every event published before
     * then handled by each of them that consumes it.
     */
    const caughtUp = async (since, restoredAt, services) => {
      const told = alerted();
      const untold = [...accepted.referrals.values()].filter(
        (r) => r.acceptedAt >= since && !told.has(r.caseNumber),
      ).length;
      if (untold) return `${untold} referrals not yet told to the duty officer`;
      const requests = [...accepted.shelterRequests].filter(([, at]) => at >= since).map(([id]) => id);
      if (requests.length) {
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM "shelter".placement_requests WHERE id = ANY($1::uuid[])`,
          [requests],
        );
        if (rows[0].n < requests.length)
          return `${requests.length - rows[0].n} shelter requests not yet known to the shelter service`;
      }
      const before = new Date(restoredAt);
      for (const s of services) {
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM "${s}".outbox WHERE published_at IS NULL AND created_at < $1`,
          [before],
        );
        if (rows[0].n > 0) return `${rows[0].n} events of ${s} not yet published`;
      }
      for (const c of services.filter((x) => CONSUMERS.includes(x))) {
        const types = (await admin.query(`SELECT DISTINCT event_type FROM "${c}".inbox`)).rows.map(
          (r) => r.event_type,
        );
        for (const producer of SERVICES) {
          const { rows } = await admin.query(
            `SELECT count(*)::int AS n FROM "${producer}".outbox o
              WHERE o.created_at < $1 AND o.event_type = ANY($2)
                AND NOT EXISTS (SELECT 1 FROM "${c}".inbox i WHERE i.message_id = o.event_id)`,
            [before, types],
          );
          if (rows[0].n > 0) return `${rows[0].n} events of ${producer} not yet handled by ${c}`;
        }
      }
      return '';
    };
    const waitCaughtUp = async (since, restoredAt, services) => {
      const deadline = restoredAt + recoveryTimeoutMs;
      let why = '';
      while (Date.now() < deadline) {
        why = await caughtUp(since, restoredAt, services).catch((err) => `cannot tell: ${err.message}`);
        if (!why) return Date.now() - restoredAt;
        await sleep(250);
      }
      log(`not caught up: ${why}`);
      return undefined;
    };
    /** One phase: inject, hold for `holdMs`, restore, then measure how long the platform takes to catch up. */
    const runPhase = async (name, { inject, restore, services = SERVICES, holdMs = outageMs }) => {
      const startedAt = Date.now();
      const parkedBefore = await parkedNow(amqpUrl).catch(() => 0);
      log(`phase ${name}: start`);
      await inject();
      await sleep(holdMs);
      await restore();
      const restoredAt = Date.now();
      const recoveryMs = await waitCaughtUp(startedAt, restoredAt, services);
      // Not caught up in time is a figure (the books at the end say whether anything was lost).
      const endedAt = Date.now();
      const parked = (await parkedNow(amqpUrl).catch(() => 0)) - parkedBefore;
      log(
        `phase ${name}: ${recoveryMs === undefined ? 'not caught up within the recovery timeout' : `caught up ${recoveryMs} ms after the fault ended`}; parked ${parked}`,
      );
      phaseRows.push({ phase: name, startedAt, endedAt, recoveryMs, parked });
    };

    await sleep(Math.min(5000, durationSeconds * 100));
    for (const phase of phases) {
      if (phase === 'crashes') {
        // SIGKILLs, closed broker connections and terminated database connections, spread over the phase.
        const faults = [];
        const services = ['referral', 'shelter', 'compensation', 'notification'];
        for (const s of services)
          for (const i of killEveryInstance ? [0, 1] : [Math.round(Math.random())])
            faults.push({ kind: 'sigkill', service: s, instance: i });
        faults.push({ kind: 'broker' }, { kind: 'postgres' }, { kind: 'broker' });
        faults.sort(() => Math.random() - 0.5);
        const gap = (durationSeconds * 1000 * 0.9) / faults.length;
        await runPhase('crashes', {
          holdMs: 0,
          inject: async () => {
            for (const f of faults) {
              if (f.kind === 'sigkill') {
                const proc = platform.procs.find((p) => p.service === f.service && p.instance === f.instance);
                proc.child.kill('SIGKILL');
                injected.sigkill++;
                log(`SIGKILL ${f.service}#${f.instance}`);
                await sleep(Math.min(1500, gap / 2));
                proc.start();
                await waitReady(proc.url, 60_000).catch((err) =>
                  problems.push(`${f.service}#${f.instance} did not come back: ${err.message}`),
                );
              } else if (f.kind === 'broker') {
                const closed = await closeBrokerConnections(amqpUrl, vhost).catch(
                  (err) => (log(`broker fault failed: ${err.message}`), 0),
                );
                injected.brokerConnectionsClosed += closed;
                log(`closed ${closed} RabbitMQ connections`);
              } else {
                const how = await terminateConnections(adminUrl, database).catch(
                  (err) => `failed: ${err.message}`,
                );
                injected.postgresRestarts++;
                log(`Postgres: ${how}`);
              }
              await sleep(gap);
            }
          },
          restore: async () => {},
        });
      } else if (phase.startsWith('db:')) {
        const service = phase.slice(3);
        await runPhase(phase, {
          services: [service],
          inject: async () => {
            await dbProxies[service].cut();
            injected.databaseOutages++;
          },
          restore: () => dbProxies[service].restore(),
        });
      } else if (phase === 'broker') {
        await runPhase(phase, {
          inject: async () => {
            await brokerProxy.cut();
            injected.brokerOutages++;
          },
          restore: () => brokerProxy.restore(),
        });
      } else {
        await runPhase(phase, {
          services: ['notification'],
          inject: async () => {
            await Promise.all(hookProxies.map((p) => p.cut()));
            injected.recipientOutages++;
          },
          restore: () => Promise.all(hookProxies.map((p) => p.restore())),
        });
      }
    }
    await sleep(Math.min(2000, durationSeconds * 100));
    stop = true;
    await driver;
    await Promise.all(flows);
    await admin.end().catch(() => {});
    log(
      `load done: ${accepted.referrals.size} referrals, ${accepted.shelterRequests.size} shelter requests, ${accepted.payouts.size} payouts; settling`,
    );
    const settled = await settle(dbUrl, amqpUrl, vhost, 120_000, log);

    // The books.
    const seenCases = new Map(); // case number → the webhook ids it reached the duty officer under
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    const q = async (sql, params) => (await db.query(sql, params)).rows;
    const counted = {};
    try {
      const caseNumbers = [...accepted.referrals.values()].map((r) => r.caseNumber);
      // Every accepted referral: exactly one referral.reported delivery to the duty channel, delivered.
      const reportedDeliveries = await q(
        `SELECT d.status, count(*)::int AS n FROM "notification".deliveries d JOIN "notification".recipients r ON r.id = d.recipient_id
          WHERE d.event_type = 'referral.reported' AND r.org = 'MIA-SPU' GROUP BY d.status`,
      );
      counted.referralsAccepted = accepted.referrals.size;
      counted.referralRows = (await q(`SELECT count(*)::int AS n FROM "referral".referrals`))[0].n;
      counted.dutyDeliveries = reportedDeliveries.reduce((a, r) => a + r.n, 0);
      counted.dutyDeliveriesDelivered = reportedDeliveries
        .filter((r) => r.status === 'delivered')
        .reduce((a, r) => a + r.n, 0);
      for (const d of duty.received.filter((x) => x.payload.type === 'referral.reported')) {
        const set = seenCases.get(d.payload.data.caseNumber) ?? new Set();
        set.add(d.id);
        seenCases.set(d.payload.data.caseNumber, set);
      }
      counted.dutyWebhooksMissing = caseNumbers.filter((c) => !seenCases.has(c)).length;
      counted.dutyWebhooksDoubled = [...seenCases.values()].filter((s) => s.size > 1).length;
      // Every shelter request: exactly one placement request, placed or waitlisted.
      const requests = await q(`SELECT id, victim_ref, status FROM "shelter".placement_requests`);
      const requestIds = new Set(requests.map((r) => r.id));
      counted.shelterRequestsAccepted = accepted.shelterRequests.size;
      counted.shelterRequestsMissing = [...accepted.shelterRequests.keys()].filter(
        (id) => !requestIds.has(id),
      ).length;
      // Keyed retries make no second request: one service request per victim in the referral service.
      counted.shelterRequestsDoubled = (
        await q(
          `SELECT victim_id FROM "referral".service_requests WHERE service = 'shelter' GROUP BY victim_id HAVING count(*) > 1`,
        )
      ).length;
      counted.placed = requests.filter((r) => r.status === 'offered' || r.status === 'admitted').length;
      counted.waitlisted = requests.filter((r) => r.status === 'waitlisted').length;
      counted.requestsWithTwoLivePlacements = (
        await q(
          `SELECT request_id FROM "shelter".placements WHERE status IN ('offered', 'admitted') GROUP BY request_id HAVING count(*) > 1`,
        )
      ).length;
      counted.facilitiesOverCapacity = (
        await q(
          `SELECT f.id FROM "shelter".facilities f
          WHERE f.occupied + f.held > f.capacity
             OR (SELECT count(*) FROM "shelter".placements p WHERE p.facility_id = f.id AND p.status IN ('offered', 'admitted')) > f.capacity`,
        )
      ).length;
      // Payouts: every approved one paid exactly once; the ledger balanced.
      const payouts = await q(`SELECT id, status FROM "compensation".payouts`);
      counted.payoutsCreated = payouts.length;
      counted.payoutsPaid = payouts.filter((p) => ['disbursed', 'settled'].includes(p.status)).length;
      counted.payoutsApprovedNotPaid = payouts.filter((p) => ['approved', 'sent'].includes(p.status)).length;
      counted.payoutsPaidTwice = (
        await q(
          `SELECT payout_id FROM "compensation".journal_entries WHERE kind = 'payout' GROUP BY payout_id HAVING count(*) > 1`,
        )
      ).length;
      counted.payoutsPaidWithoutEntry = (
        await q(
          `SELECT p.id FROM "compensation".payouts p WHERE p.status IN ('disbursed', 'settled')
            AND NOT EXISTS (SELECT 1 FROM "compensation".journal_entries e WHERE e.payout_id = p.id AND e.kind = 'payout')`,
        )
      ).length;
      counted.unbalancedEntries = (
        await q(
          `SELECT entry_id FROM "compensation".journal_lines GROUP BY entry_id HAVING sum(amount_minor) <> 0`,
        )
      ).length;
      counted.ledgerSum = Number(
        (
          await q(`SELECT coalesce(sum(balance_minor), 0)::bigint AS s FROM "compensation".ledger_accounts`)
        )[0].s,
      );
      const fundSettled = new Set(
        fundHook.received
          .filter((d) => d.payload.type === 'compensation.payout.settled')
          .map((d) => d.payload.data.payoutId ?? d.payload.eventId),
      );
      counted.fundSettledNotices = fundSettled.size;
      // The broker: nothing left unacknowledged, nothing parked.
      const queues = settled.queues.filter(
        (x) => !x.name.startsWith('amq.') && x.name !== 'nrm.events.unrouted',
      );
      counted.messagesLeft = queues
        .filter((x) => !x.name.endsWith('.dlq'))
        .reduce((a, x) => a + (x.messages ?? 0), 0);
      counted.deadLettered = queues
        .filter((x) => x.name.endsWith('.dlq'))
        .reduce((a, x) => a + (x.messages ?? 0), 0);
      counted.failedDeliveries = (
        await q(`SELECT count(*)::int AS n FROM "notification".deliveries WHERE status = 'failed'`)
      )[0].n;
      counted.badSignatures = duty.rejected + shelterHook.rejected + fundHook.rejected;
      counted.settled = settled.settled;

      const expect = (ok, what) => ok || problems.push(what);
      expect(counted.settled, 'the platform did not settle (outbox, deliveries or queues still busy)');
      expect(counted.referralRows >= counted.referralsAccepted, 'an accepted referral is missing');
      expect(
        counted.dutyDeliveries === counted.referralRows,
        `duty-channel deliveries ${counted.dutyDeliveries} ≠ referrals ${counted.referralRows}`,
      );
      expect(
        counted.dutyDeliveriesDelivered === counted.dutyDeliveries,
        'a duty-channel delivery was not delivered',
      );
      expect(
        counted.dutyWebhooksMissing === 0,
        `${counted.dutyWebhooksMissing} referrals never reached the duty officer's webhook`,
      );
      expect(
        counted.dutyWebhooksDoubled === 0,
        `${counted.dutyWebhooksDoubled} referrals reached the duty officer under two delivery ids`,
      );
      expect(
        counted.shelterRequestsMissing === 0,
        `${counted.shelterRequestsMissing} shelter requests were lost`,
      );
      expect(
        counted.shelterRequestsDoubled === 0,
        `${counted.shelterRequestsDoubled} victims got a second shelter request from a retry`,
      );
      expect(
        counted.placed + counted.waitlisted === requests.length,
        'a shelter request is neither placed nor waitlisted',
      );
      expect(counted.requestsWithTwoLivePlacements === 0, 'a shelter request was placed twice');
      expect(counted.facilitiesOverCapacity === 0, 'a facility is over capacity');
      expect(
        counted.payoutsApprovedNotPaid === 0,
        `${counted.payoutsApprovedNotPaid} approved payouts were not paid`,
      );
      expect(counted.payoutsPaidTwice === 0, `${counted.payoutsPaidTwice} payouts were paid twice`);
      expect(counted.payoutsPaidWithoutEntry === 0, 'a paid payout has no ledger entry');
      expect(counted.unbalancedEntries === 0 && counted.ledgerSum === 0, 'the ledger does not balance');
      expect(counted.messagesLeft === 0, `${counted.messagesLeft} messages left in the queues`);
      expect(counted.deadLettered === 0, `${counted.deadLettered} messages dead-lettered`);
      expect(counted.badSignatures === 0, 'a webhook signature did not verify');
    } finally {
      await db.end();
    }
    // Each phase's figures: the referrals accepted while it lasted (fault and recovery) and their alerts.
    const phasesOut = phaseRows.map((row) => {
      const mine = [...accepted.referrals.values()].filter(
        (r) => r.acceptedAt >= row.startedAt && r.acceptedAt <= row.endedAt,
      );
      const delivered = mine.filter((r) => seenCases.has(r.caseNumber)).length;
      const doubled = mine.filter((r) => (seenCases.get(r.caseNumber)?.size ?? 0) > 1).length;
      return {
        phase: row.phase,
        accepted: mine.length,
        delivered,
        lost: mine.length - delivered,
        doubled,
        parked: row.parked,
        recoveryMs: row.recoveryMs,
      };
    });
    for (const row of phasesOut) {
      if (row.lost || row.doubled || row.parked)
        problems.push(`phase ${row.phase}: ${row.lost} lost, ${row.doubled} doubled, ${row.parked} parked`);
    }
    return {
      injected,
      counted,
      phases: phasesOut,
      problems,
      accepted: {
        referrals: accepted.referrals.size,
        shelterRequests: accepted.shelterRequests.size,
        payouts: accepted.payouts.size,
      },
    };
  } finally {
    await platform.stop();
    await Promise.all([...hooks.map((h) => h.close()), ...proxies.map((p) => p.stop())]);
    if (!keep) {
      await dropDatabase({ adminUrl, database }).catch(() => {});
      await deleteVhost(amqpBaseUrl, vhost).catch(() => {});
    }
  }
}

/** The phases as a Markdown table: phase, accepted, delivered, lost, doubled, parked, recovery time. */
export function formatPhaseTable(phases) {
  const lines = [
    '| phase | accepted | delivered | lost | doubled | parked | recovery time |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const p of phases) {
    const recovery = p.recoveryMs === undefined ? 'not recovered' : `${(p.recoveryMs / 1000).toFixed(1)} s`;
    lines.push(
      `| ${p.phase} | ${p.accepted} | ${p.delivered} | ${p.lost} | ${p.doubled} | ${p.parked} | ${recovery} |`,
    );
  }
  return lines.join('\n');
}
