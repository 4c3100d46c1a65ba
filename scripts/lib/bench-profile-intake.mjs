// CPU profile of intake: the referral service alone (own database and vhost) under V8's CPU profiler,
// POST /v1/referrals at fixed concurrency with autocannon, then the profile summarised by package and
// by function (self time). Run after `npm run build`:
//   node scripts/lib/bench-profile-intake.mjs        (BENCH_SECONDS 10, BENCH_CONNECTIONS 32)
// The .cpuprofile file is left in tmp/profiles/ (open it in Chrome DevTools or speedscope).
import autocannon from 'autocannon';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SignJWT, importPKCS8 } from 'jose';
import { createVhost, deleteVhost, dropDatabase, provisionDatabase } from './provision.mjs';
import { root, startPlatform } from './platform.mjs';
import { devJwtKeys } from './dev-keys.mjs';
import { intakeRequests } from './flows.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const log = (m) => process.stderr.write(`[profile] ${m}\n`);
const adminUrl =
  process.env.NRM_BENCH_ADMIN_DATABASE_URL ??
  `postgres://${process.env.PGUSER ?? userInfo().username}@localhost:5432/postgres`;
const amqpBase = process.env.NRM_BENCH_AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const name = `nrm_profile_${Date.now()}`;
const dir = path.join(root, 'tmp/profiles', name);

/**
 * `--cpu-prof` is not allowed in NODE_OPTIONS: this writes a module to preload (`--import=<url>`) that
 * runs the same V8 profiler through node:inspector from the start and, on SIGUSR2, writes
 * `<dir>/<label>-<pid>.cpuprofile` and exits. Returns the module's file URL.
 */
export function writeProfilerHook(dir, label) {
  mkdirSync(dir, { recursive: true });
  const hook = path.join(dir, `profile-until-usr2-${label}.mjs`);
  writeFileSync(
    hook,
    `import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
const session = new Session();
session.connect();
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 1000 });
await post('Profiler.start');
process.on('SIGUSR2', async () => {
  const { profile } = await post('Profiler.stop');
  writeFileSync(${JSON.stringify(dir)} + '/${label}-' + process.pid + '.cpuprofile', JSON.stringify(profile));
  process.exit(0);
});
`,
  );
  return pathToFileURL(hook).href;
}

/**
 * Stops a process started with {@link writeProfilerHook}'s module (SIGUSR2), waits for it to exit, and
 * returns its profile's file and summary (see {@link summarise}).
 */
export async function collectProfile(child, dir, label) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGUSR2');
  await exited;
  const name = readdirSync(dir).find((f) => f.startsWith(`${label}-`) && f.endsWith('.cpuprofile'));
  if (!name) throw new Error(`no profile of ${label} written in ${dir}`);
  const file = path.join(dir, name);
  return { file, ...summarise(JSON.parse(readFileSync(file, 'utf8'))) };
}

/** Self time (ms) of a .cpuprofile, by package / area and by function. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const area = (url, fn) => {
    if (!url) return fn.startsWith('(') ? fn : 'V8 / native';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
    const ours = /dist\/((?:apps|libs)\/[^/]+\/src\/[^/]+)/.exec(url);
    return ours ? ours[1] : url;
  };
  const areas = new Map();
  const fns = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id);
    total += ms;
    const a = area(f.url, f.functionName);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*(node_modules|dist)\//, '')}:${f.lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  const top = (m, n) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([k, ms]) => ({ what: k, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  return { totalMs: Math.round(total), areas: top(areas, 20), functions: top(fns, 25) };
}

/** A development token (dev keys) of `role` at `org`, valid for two hours. */
export async function devToken(role, org, sub) {
  const key = await importPKCS8(devJwtKeys().privateKeyPem, 'ES256');
  return new SignJWT({ role, org })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(key);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const exitHook = writeProfilerHook(dir, 'referral');
  const agency = await devToken('agency_officer', 'MIA', 'profile-agency');
  await provisionDatabase({ adminUrl, database: name });
  const amqpUrl = await createVhost(amqpBase, name);
  const platform = await startPlatform({
    adminUrl,
    database: name,
    amqpUrl,
    basePort: 0,
    services: ['referral'],
    extraEnv: {
      '*': {
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '1000000',
        DOCS_UI: 'false',
        NODE_OPTIONS: `--import=${exitHook}`,
      },
    },
    onLine: (line, service) => {
      if (!line.startsWith('{') || /"level":"(error|fatal)"/.test(line))
        log(`${service}: ${line.slice(0, 300)}`);
    },
  });
  let result;
  let profiled;
  try {
    const run = (duration) =>
      new Promise((resolve, reject) => {
        autocannon(
          {
            url: `${platform.urlOf('referral')}/v1/referrals`,
            connections: CONNECTIONS,
            duration,
            requests: intakeRequests(agency),
          },
          (err, res) => (err ? reject(err) : resolve(res)),
        );
      });
    await run(2);
    const res = await run(SECONDS);
    result = {
      rps: res.requests.average,
      p50: res.latency.p50,
      p99: res.latency.p99,
      errors: res.non2xx + res.errors,
    };
    log(
      `intake under the profiler: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`,
    );
    profiled = await collectProfile(platform.procs[0].child, dir, 'referral');
  } finally {
    await platform.stop().catch(() => {});
    await dropDatabase({ adminUrl, database: name }).catch(() => {});
    await deleteVhost(amqpBase, name).catch(() => {});
  }
  const { file, ...summary } = profiled;
  console.log(JSON.stringify({ load: result, profile: file, ...summary }, null, 2));
}
