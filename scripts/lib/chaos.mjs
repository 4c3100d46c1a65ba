// The chaos run: the whole platform (two instances of every service) under a steady stream of
// referrals with shelter requests, payouts and notifications, while service instances are killed
// with SIGKILL and restarted, every RabbitMQ connection is closed and Postgres is restarted (or, in
// the short version, has every connection terminated). Then the books are checked: nothing lost,
// nothing doubled. Used by `npm run chaos` and, shorter, by `npm test`.
import pg from 'pg';
import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { SignJWT, importPKCS8 } from 'jose';
import { createVhost, deleteVhost, dropDatabase, managementUrl, provisionDatabase } from './provision.mjs';
import { startPlatform, waitReady } from './platform.mjs';
import { devJwtKeys } from './dev-keys.mjs';
import { newWebhookSecret, referralBody, startWebhookReceiver } from './flows.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A client that spreads calls over the live instances of a service and retries what failed to connect. */
function client(procs, log) {
  const live = (service) => procs.filter((p) => p.service === service);
  return async function call(service, method, path, token, body, headers = {}, { retries = 40, retryOn = [500, 502, 503, 504] } = {}) {
    let lastError;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const candidates = live(service);
      const proc = candidates[(attempt + Math.floor(Math.random() * candidates.length)) % candidates.length];
      try {
        const res = await fetch(`${proc.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (retryOn.includes(res.status)) {
          lastError = new Error(`${res.status}`);
        } else {
          return { status: res.status, body: text ? JSON.parse(text) : undefined };
        }
      } catch (err) {
        lastError = err; // refused (instance killed), reset, or timed out: try again, maybe elsewhere
      }
      await sleep(Math.min(100 * 2 ** Math.min(attempt, 5), 2000));
    }
    log(`giving up ${method} ${path}: ${lastError?.message}`);
    return { status: 0, body: undefined };
  };
}

async function mgmt(amqpUrl, path, init = {}) {
  const u = new URL(amqpUrl);
  const auth = 'Basic ' + Buffer.from(`${decodeURIComponent(u.username || 'guest')}:${decodeURIComponent(u.password || 'guest')}`).toString('base64');
  const res = await fetch(`${managementUrl(amqpUrl)}/api${path}`, { ...init, headers: { authorization: auth, ...(init.headers ?? {}) } });
  if (!res.ok && res.status !== 404) throw new Error(`management API ${path}: ${res.status}`);
  return res.status === 204 || res.status === 404 ? undefined : res.json();
}

/** Closes every client connection of the vhost through RabbitMQ's management API. */
async function closeBrokerConnections(amqpUrl, vhost) {
  const conns = (await mgmt(amqpUrl, `/vhosts/${encodeURIComponent(vhost)}/connections`)) ?? [];
  for (const c of conns) await mgmt(amqpUrl, `/connections/${encodeURIComponent(c.name)}`, { method: 'DELETE', headers: { 'x-reason': 'chaos' } }).catch(() => {});
  return conns.length;
}

/** Restarts the local Postgres server, or terminates every connection to the database. */
async function restartPostgres(adminUrl, database, real) {
  if (real) {
    const version = execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n')[0];
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart', '-m', 'fast'], { stdio: 'ignore' });
    return 'restart';
  }
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    return `terminated ${rowCount}`;
  } finally {
    await c.end();
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
        unsent += Number((await c.query(`SELECT count(*) AS n FROM "${s}".outbox WHERE published_at IS NULL`)).rows[0].n);
      }
      pendingDeliveries = Number((await c.query(`SELECT count(*) AS n FROM "notification".deliveries WHERE status IN ('pending', 'sending')`)).rows[0].n);
    } catch {
      unsent = -1;
    } finally {
      await c.end().catch(() => {});
    }
    const queues = ((await mgmt(amqpUrl, `/queues/${encodeURIComponent(vhost)}`).catch(() => [])) ?? []).filter((q) => !q.name.startsWith('amq.'));
    const busy = queues.filter((q) => !q.name.endsWith('.dlq') && q.name !== 'nrm.events.unrouted' && (q.messages ?? 0) > 0);
    last = `unsent outbox ${unsent}, pending deliveries ${pendingDeliveries}, busy queues ${busy.map((q) => `${q.name}=${q.messages}`).join(' ') || 'none'}`;
    if (unsent === 0 && pendingDeliveries === 0 && busy.length === 0) return { settled: true, queues };
    await sleep(1000);
  }
  log(`did not settle: ${last}`);
  return { settled: false, queues: (await mgmt(amqpUrl, `/queues/${encodeURIComponent(vhost)}`).catch(() => [])) ?? [] };
}

/** The run. Returns { injected, counted, problems } and never throws for a finding. */
export async function runChaos({
  adminUrl,
  amqpBaseUrl,
  durationSeconds = 60,
  rate = 5,
  realRestarts = false,
  jwtPrivateKeyPem,
  jwtPublicKeyPem,
  log = (m) => process.stderr.write(`[chaos] ${m}\n`),
  keep = false,
  killEveryInstance = true,
}) {
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
  const { privateKeyPem, publicKeyPem } = jwtPrivateKeyPem ? { privateKeyPem: jwtPrivateKeyPem, publicKeyPem: jwtPublicKeyPem } : devJwtKeys();
  const key = await importPKCS8(privateKeyPem, 'ES256');
  const token = (role, org, sub) => new SignJWT({ role, org }).setProtectedHeader({ alg: 'ES256' }).setSubject(sub).setIssuedAt().setExpirationTime('2h').sign(key);
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
  const injected = { sigkill: 0, brokerConnectionsClosed: 0, postgresRestarts: 0 };
  const platform = await startPlatform({
    adminUrl,
    database,
    amqpUrl,
    instances: 2,
    basePort: 0,
    extraEnv: {
      '*': { JWT_PUBLIC_KEY: publicKeyPem, LOG_LEVEL: 'warn', DOCS_UI: 'false', RATE_LIMIT_PER_MINUTE: '1000000', OUTBOX_POLL_MS: '250', AMQP_RETRY_DELAY_MS: '250' },
      notification: { NOTIFY_BASE_DELAY_MS: '250', NOTIFY_MAX_DELAY_MS: '2000', NOTIFY_POLL_MS: '250', NOTIFY_MAX_ATTEMPTS: '30' },
      referral: { DEADLINE_SCAN_MS: '1000' },
    },
  });
  const call = client(platform.procs, log);
  const accepted = { referrals: new Map(), shelterRequests: new Set(), payouts: new Map() };
  const problems = [];
  try {
    // Set-up: who receives what, a shelter smaller than the demand, a funded Fund.
    const facility = `FAC-CHAOS-${randomBytes(2).toString('hex').toUpperCase()}`;
    for (const [org, hook] of [['MIA-SPU', duty], [facility, shelterHook], ['FUND', fundHook]]) {
      await call('notification', 'POST', '/v1/recipients', tokens.admin, { org, channel: 'webhook', address: hook.url, language: 'en', secret });
    }
    const capacity = Math.max(3, Math.floor((durationSeconds * rate) / 3));
    await call('shelter', 'POST', '/v1/facilities', tokens.admin, {
      code: facility, name: 'Chaos shelter', kind: 'shelter', region: 'Baku', operator: 'state', capacity,
      accepts: { sexes: ['female', 'male', 'other', 'unknown'], children: false, minAge: 18, maxAge: 120 }, languages: ['az'],
    });
    await call('compensation', 'POST', '/v1/fund/inflows', tokens.officer, { source: 'state_budget', amountMinor: 1_000_000_000, reference: `CHAOS-${runId}` });

    // The load.
    let stop = false;
    let n = 0;
    const flows = [];
    const referralFlow = async (i) => {
      const key = randomUUID();
      const r = await call('referral', 'POST', '/v1/referrals', tokens.agency, referralBody(i), { 'idempotency-key': key });
      if (r.status !== 201 && r.status !== 200) return;
      accepted.referrals.set(r.body.id, r.body);
      const c = await call('referral', 'POST', `/v1/victims/${r.body.victimRef}/consents`, tokens.agency, { purpose: 'shelter_placement', granted: true });
      if (c.status !== 201) return;
      const s = await call('referral', 'POST', `/v1/victims/${r.body.victimRef}/service-requests`, tokens.agency, { service: 'shelter' });
      if (s.status === 201) accepted.shelterRequests.add(s.body.id);
      if (i % 2 === 0) await payoutFlow(r.body);
    };
    const payoutFlow = async (referral) => {
      const claim = await call('compensation', 'POST', '/v1/claims', tokens.officer, { victimRef: referral.victimRef, caseNumber: referral.caseNumber, claimedMaterialMinor: 500_00, claimedMoralMinor: 500_00 });
      if (claim.status !== 201) return;
      const decision = await call('compensation', 'POST', `/v1/claims/${claim.body.id}/court-decisions`, tokens.officer, {
        court: 'Baku Grave Crimes Court', decisionNumber: `CH-${randomBytes(3).toString('hex')}`, decidedAt: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), awardedMinor: 1000_00, fundPaymentOrdered: true,
      });
      if (decision.status !== 201) return;
      // A decision counts once a second person (an approver) confirmed it.
      const decisionId = decision.body.courtDecisions.at(-1).id;
      const confirmed = await call('compensation', 'POST', `/v1/claims/${claim.body.id}/court-decisions/${decisionId}/confirm`, tokens.approver, {});
      if (confirmed.status !== 200) return;
      const idem = randomUUID();
      const payout = await call('compensation', 'POST', '/v1/payouts', tokens.officer, { claimId: claim.body.id, amountMinor: 250_00, method: 'cash', methodChosenBy: 'victim', beneficiaryName: 'Chaos Beneficiary' }, { 'idempotency-key': idem });
      if (payout.status !== 201 && payout.status !== 200) return;
      const id = payout.body.id;
      accepted.payouts.set(id, 'pending_approval');
      // Drive it to the end whatever the failures: read the state, do the next step.
      for (let step = 0; step < 20; step++) {
        const cur = await call('compensation', 'GET', `/v1/payouts/${id}`, tokens.officer);
        const status = cur.body?.status;
        if (status) accepted.payouts.set(id, status);
        if (status === 'disbursed' || status === 'settled') return;
        if (status === 'pending_approval') await call('compensation', 'POST', `/v1/payouts/${id}/approve`, tokens.approver, {});
        else if (status === 'approved') await call('compensation', 'POST', `/v1/payouts/${id}/cash-disbursement`, tokens.officer, { receiptNumber: `R-${id.slice(0, 8)}`, identityDocument: 'AZE 1234567' });
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

    // The faults, spread over the run.
    const faults = [];
    const services = ['referral', 'shelter', 'compensation', 'notification'];
    for (const s of services) for (const i of killEveryInstance ? [0, 1] : [Math.round(Math.random())]) faults.push({ kind: 'sigkill', service: s, instance: i });
    faults.push({ kind: 'broker' }, { kind: 'postgres' }, { kind: 'broker' });
    faults.sort(() => Math.random() - 0.5);
    const gap = (durationSeconds * 1000 * 0.8) / faults.length;
    await sleep(durationSeconds * 100);
    for (const f of faults) {
      if (f.kind === 'sigkill') {
        const proc = platform.procs.find((p) => p.service === f.service && p.instance === f.instance);
        proc.child.kill('SIGKILL');
        injected.sigkill++;
        log(`SIGKILL ${f.service}#${f.instance}`);
        await sleep(Math.min(1500, gap / 2));
        proc.start();
        await waitReady(proc.url, 60_000).catch((err) => problems.push(`${f.service}#${f.instance} did not come back: ${err.message}`));
      } else if (f.kind === 'broker') {
        const closed = await closeBrokerConnections(amqpUrl, vhost).catch((err) => (log(`broker fault failed: ${err.message}`), 0));
        injected.brokerConnectionsClosed += closed;
        log(`closed ${closed} RabbitMQ connections`);
      } else {
        const how = await restartPostgres(adminUrl, database, realRestarts).catch((err) => `failed: ${err.message}`);
        injected.postgresRestarts++;
        log(`Postgres: ${how}`);
      }
      await sleep(gap);
    }
    const remaining = durationSeconds * 1000 * 0.1;
    await sleep(remaining);
    stop = true;
    await driver;
    await Promise.all(flows);
    log(`load done: ${accepted.referrals.size} referrals, ${accepted.shelterRequests.size} shelter requests, ${accepted.payouts.size} payouts; settling`);
    const settled = await settle(dbUrl, amqpUrl, vhost, 120_000, log);

    // The books.
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
      counted.dutyDeliveriesDelivered = reportedDeliveries.filter((r) => r.status === 'delivered').reduce((a, r) => a + r.n, 0);
      const seenCases = new Map();
      for (const d of duty.received.filter((x) => x.payload.type === 'referral.reported')) {
        const set = seenCases.get(d.payload.data.caseNumber) ?? new Set();
        set.add(d.id);
        seenCases.set(d.payload.data.caseNumber, set);
      }
      counted.dutyWebhooksMissing = caseNumbers.filter((c) => !seenCases.has(c)).length;
      counted.dutyWebhooksDoubled = [...seenCases.values()].filter((s) => s.size > 1).length;
      // Every shelter request: exactly one placement request, placed or waitlisted.
      const requests = await q(`SELECT id, status FROM "shelter".placement_requests`);
      const requestIds = new Set(requests.map((r) => r.id));
      counted.shelterRequestsAccepted = accepted.shelterRequests.size;
      counted.shelterRequestsMissing = [...accepted.shelterRequests].filter((id) => !requestIds.has(id)).length;
      counted.placed = requests.filter((r) => r.status === 'offered' || r.status === 'admitted').length;
      counted.waitlisted = requests.filter((r) => r.status === 'waitlisted').length;
      counted.requestsWithTwoLivePlacements = (await q(
        `SELECT request_id FROM "shelter".placements WHERE status IN ('offered', 'admitted') GROUP BY request_id HAVING count(*) > 1`,
      )).length;
      counted.facilitiesOverCapacity = (await q(
        `SELECT f.id FROM "shelter".facilities f
          WHERE f.occupied + f.held > f.capacity
             OR (SELECT count(*) FROM "shelter".placements p WHERE p.facility_id = f.id AND p.status IN ('offered', 'admitted')) > f.capacity`,
      )).length;
      // Payouts: every approved one paid exactly once; the ledger balanced.
      const payouts = await q(`SELECT id, status FROM "compensation".payouts`);
      counted.payoutsCreated = payouts.length;
      counted.payoutsPaid = payouts.filter((p) => ['disbursed', 'settled'].includes(p.status)).length;
      counted.payoutsApprovedNotPaid = payouts.filter((p) => ['approved', 'sent'].includes(p.status)).length;
      counted.payoutsPaidTwice = (await q(
        `SELECT payout_id FROM "compensation".journal_entries WHERE kind = 'payout' GROUP BY payout_id HAVING count(*) > 1`,
      )).length;
      counted.payoutsPaidWithoutEntry = (await q(
        `SELECT p.id FROM "compensation".payouts p WHERE p.status IN ('disbursed', 'settled')
            AND NOT EXISTS (SELECT 1 FROM "compensation".journal_entries e WHERE e.payout_id = p.id AND e.kind = 'payout')`,
      )).length;
      counted.unbalancedEntries = (await q(
        `SELECT entry_id FROM "compensation".journal_lines GROUP BY entry_id HAVING sum(amount_minor) <> 0`,
      )).length;
      counted.ledgerSum = Number((await q(`SELECT coalesce(sum(balance_minor), 0)::bigint AS s FROM "compensation".ledger_accounts`))[0].s);
      const fundSettled = new Set(fundHook.received.filter((d) => d.payload.type === 'compensation.payout.settled').map((d) => d.payload.data.payoutId ?? d.payload.eventId));
      counted.fundSettledNotices = fundSettled.size;
      // The broker: nothing left unacknowledged, nothing parked.
      const queues = settled.queues.filter((x) => !x.name.startsWith('amq.') && x.name !== 'nrm.events.unrouted');
      counted.messagesLeft = queues.filter((x) => !x.name.endsWith('.dlq')).reduce((a, x) => a + (x.messages ?? 0), 0);
      counted.deadLettered = queues.filter((x) => x.name.endsWith('.dlq')).reduce((a, x) => a + (x.messages ?? 0), 0);
      counted.failedDeliveries = (await q(`SELECT count(*)::int AS n FROM "notification".deliveries WHERE status = 'failed'`))[0].n;
      counted.badSignatures = duty.rejected + shelterHook.rejected + fundHook.rejected;
      counted.settled = settled.settled;

      const expect = (ok, what) => ok || problems.push(what);
      expect(counted.settled, 'the platform did not settle (outbox, deliveries or queues still busy)');
      expect(counted.referralRows >= counted.referralsAccepted, 'an accepted referral is missing');
      expect(counted.dutyDeliveries === counted.referralRows, `duty-channel deliveries ${counted.dutyDeliveries} ≠ referrals ${counted.referralRows}`);
      expect(counted.dutyDeliveriesDelivered === counted.dutyDeliveries, 'a duty-channel delivery was not delivered');
      expect(counted.dutyWebhooksMissing === 0, `${counted.dutyWebhooksMissing} referrals never reached the duty officer's webhook`);
      expect(counted.dutyWebhooksDoubled === 0, `${counted.dutyWebhooksDoubled} referrals reached the duty officer under two delivery ids`);
      expect(counted.shelterRequestsMissing === 0, `${counted.shelterRequestsMissing} shelter requests were lost`);
      expect(counted.placed + counted.waitlisted === requests.length, 'a shelter request is neither placed nor waitlisted');
      expect(counted.requestsWithTwoLivePlacements === 0, 'a shelter request was placed twice');
      expect(counted.facilitiesOverCapacity === 0, 'a facility is over capacity');
      expect(counted.payoutsApprovedNotPaid === 0, `${counted.payoutsApprovedNotPaid} approved payouts were not paid`);
      expect(counted.payoutsPaidTwice === 0, `${counted.payoutsPaidTwice} payouts were paid twice`);
      expect(counted.payoutsPaidWithoutEntry === 0, 'a paid payout has no ledger entry');
      expect(counted.unbalancedEntries === 0 && counted.ledgerSum === 0, 'the ledger does not balance');
      expect(counted.messagesLeft === 0, `${counted.messagesLeft} messages left in the queues`);
      expect(counted.deadLettered === 0, `${counted.deadLettered} messages dead-lettered`);
      expect(counted.badSignatures === 0, 'a webhook signature did not verify');
    } finally {
      await db.end();
    }
    return { injected, counted, problems, accepted: { referrals: accepted.referrals.size, shelterRequests: accepted.shelterRequests.size, payouts: accepted.payouts.size } };
  } finally {
    await platform.stop();
    await Promise.all([duty.close(), shelterHook.close(), fundHook.close()]);
    if (!keep) {
      await dropDatabase({ adminUrl, database }).catch(() => {});
      await deleteVhost(amqpBaseUrl, vhost).catch(() => {});
    }
  }
}
