// Memory of every service: RSS now and peak (VmHWM) from /proc, and V8's own view from each service's
// /metrics (heap used and total, external and array buffers), at idle after start and after a short
// intake load. The services run on a database and vhost of their own. Run after a build:
//   node scripts/lib/bench-memory.mjs     (BENCH_SECONDS 5 of intake; extra env for every service as
//   BENCH_ENV='{"NODE_OPTIONS":"--max-old-space-size=96"}')
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createVhost, deleteVhost, dropDatabase, provisionDatabase } from './provision.mjs';
import { startPlatform } from './platform.mjs';
import { devToken } from './bench-profile-intake.mjs';
import { intakeRequests } from './flows.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const EXTRA = JSON.parse(process.env.BENCH_ENV ?? '{}');
const SERVICES = process.env.BENCH_SERVICES?.split(',');
const log = (m) => process.stderr.write(`[memory] ${m}\n`);
const adminUrl =
  process.env.NRM_BENCH_ADMIN_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
const amqpBase = process.env.NRM_BENCH_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const name = `nrm_memory_${Date.now()}`;
const mib = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

/** RSS and peak RSS (MiB) from /proc, and V8's heap figures (MiB) from the service's /metrics. */
async function sample(p) {
  const status = readFileSync(`/proc/${p.child.pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  const text = await fetch(`${p.url}/metrics`).then(
    (r) => r.text(),
    () => '',
  );
  const metric = (n) => {
    const m = new RegExp(`^${n}(?:\\{[^}]*\\})? ([\\d.e+]+)$`, 'm').exec(text);
    return m ? mib(Number(m[1])) : null;
  };
  return {
    rss: Math.round(kb('VmRSS') * 10) / 10,
    peak: Math.round(kb('VmHWM') * 10) / 10,
    heapUsed: metric('nrm_nodejs_heap_size_used_bytes'),
    heapTotal: metric('nrm_nodejs_heap_size_total_bytes'),
    external: metric('nrm_nodejs_external_memory_bytes'),
  };
}

const [agency, , amqpUrl] = await Promise.all([
  devToken('agency_officer', 'MIA', 'memory-agency'),
  provisionDatabase({ adminUrl, database: name }),
  createVhost(amqpBase, name),
]);
const platform = await startPlatform({
  ...{ adminUrl, database: name, amqpUrl, basePort: 0 },
  ...(SERVICES ? { services: SERVICES } : {}),
  extraEnv: { '*': { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', DOCS_UI: 'false', ...EXTRA } },
  onLine: (line, service) => {
    if (!line.startsWith('{') || /"level":"(error|fatal)"/.test(line))
      log(`${service}: ${line.slice(0, 300)}`);
  },
});
const out = { settings: EXTRA, idle: {}, loaded: {} };
try {
  await new Promise((r) => setTimeout(r, 3000));
  for (const p of platform.procs) out.idle[p.service] = await sample(p);
  if (platform.procs.some((p) => p.service === 'referral')) {
    await new Promise((resolve, reject) =>
      autocannon(
        {
          url: `${platform.urlOf('referral')}/v1/referrals`,
          connections: 32,
          duration: SECONDS,
          requests: intakeRequests(agency),
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      ),
    );
    await new Promise((r) => setTimeout(r, 2000));
  }
  for (const p of platform.procs) out.loaded[p.service] = await sample(p);
} finally {
  await platform.stop().catch(() => {});
  await dropDatabase({ adminUrl, database: name }).catch(() => {});
  await deleteVhost(amqpBase, name).catch(() => {});
}
for (const phase of ['idle', 'loaded']) {
  log(
    `${phase}: ${Object.entries(out[phase])
      .map(([s, m]) => `${s} rss ${m.rss} peak ${m.peak} heap ${m.heapUsed}/${m.heapTotal} ext ${m.external}`)
      .join(' | ')}`,
  );
}
console.log(JSON.stringify(out, null, 2));
