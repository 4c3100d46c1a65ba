// Starting the four services as processes: shared by `npm start`, the cross-service tests, the
// benchmark and the chaos run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { ownerDatabaseUrl, serviceAmqpUrl, serviceDatabaseUrl, SERVICES } from './provision.mjs';
import { devJwtKeys, devSecrets } from './dev-keys.mjs';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const DEFAULT_PORTS = {
  referral: 3001,
  shelter: 3002,
  compensation: 3003,
  notification: 3004,
  reporting: 3006,
};

/**
 * The environment of one service process. Development secrets (.keys/dev-secrets.json) fill in only
 * what the environment does not give: a key given to `npm start` (PII_KEYS, say) always wins. Each
 * service connects to the broker as its own user (`<SERVICE>_AMQP_URL` overrides) and migrates as its
 * schema's owner role.
 */
export function serviceEnv(service, { adminUrl, database, amqpUrl, port, extra = {} }) {
  const { publicKeyPem } = devJwtKeys();
  const secrets = devSecrets()[service] ?? {};
  const prefix = service.toUpperCase();
  return {
    ...secrets,
    // Two malloc arenas instead of one per thread: 3-13 MiB less RSS per service (bench/README.md).
    MALLOC_ARENA_MAX: '2',
    ...process.env,
    PORT: String(port),
    DATABASE_URL: serviceDatabaseUrl(adminUrl, database, service),
    MIGRATION_DATABASE_URL: ownerDatabaseUrl(adminUrl, database, service),
    AMQP_URL: process.env[`${prefix}_AMQP_URL`] ?? serviceAmqpUrl(amqpUrl, service),
    JWT_PUBLIC_KEY: process.env.JWT_JWKS_URL ? '' : (process.env.JWT_PUBLIC_KEY ?? publicKeyPem),
    ...extra,
  };
}

/**
 * V8 heap limits of every service, as in the image (deploy/entrypoint.sh), sized from
 * scripts/lib/bench-memory.mjs and the chaos run: 45-65 MiB of heap is live at idle and under load
 * (without source maps, which cost 15-20 MiB: only with NRM_SOURCE_MAPS=1), so an old space of 160 MiB
 * leaves room for an overload's queue; a 4 MiB semi-space keeps the young generation at 12 MiB instead
 * of up to 48 MiB. With 2 MiB, scavenges took a third of compensation's CPU under the chaos backlog
 * (7 228 in 2 minutes) and it stayed overloaded for minutes; with 4 MiB 13 %, and the chaos run
 * passed; with 8 MiB a tenth, but referral and reporting peaked over 150 MiB. With MALLOC_ARENA_MAX=2
 * (serviceEnv) and 4 MiB every service peaked under 150 MiB in the bench (2026-12-04).
 * `NRM_NODE_FLAGS` overrides them (e.g. '' for V8's defaults).
 */
export const NODE_FLAGS = (process.env.NRM_NODE_FLAGS ?? '--max-old-space-size=160 --max-semi-space-size=4')
  .split(' ')
  .filter(Boolean);

/** Spawns a built service; its JSON log lines go to `onLine` (default: this process's stdout). */
export function spawnService(service, env, { onLine, stdio } = {}) {
  const main = path.join(root, 'dist/apps', service, 'src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx nx run-many -t build)`);
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, ...(env.NRM_SOURCE_MAPS === '1' ? ['--enable-source-maps'] : []), main],
    {
      env,
      stdio: stdio ?? ['ignore', 'pipe', 'pipe'],
      cwd: root,
    },
  );
  if (!stdio) {
    const forward = (stream, target) => {
      let buffer = '';
      stream.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        let i;
        while ((i = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 1);
          if (onLine) onLine(line, service);
          else target.write(`${line}\n`);
        }
      });
    };
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
  }
  return child;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until GET url/health/ready answers 200. */
export async function waitReady(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

export { SERVICES };

/**
 * Starts the whole platform as real processes: `instances` of each service on consecutive ports from
 * `basePort` (referral first), against `database` and `amqpUrl`. Resolves when every instance is
 * ready. `stop()` sends SIGTERM to all and waits.
 */
export async function startPlatform({
  adminUrl,
  database,
  amqpUrl,
  instances = 1,
  basePort = 4101,
  services = SERVICES,
  extraEnv = {},
  onLine = () => {},
  readyTimeoutMs = 180_000,
  // (service, url) => url: e.g. to put a TCP proxy between a service and Postgres (outage tests).
  rewriteDatabaseUrl,
  // (service, url) => url: the same between a service and RabbitMQ.
  rewriteAmqpUrl,
}) {
  const procs = [];
  let port = basePort;
  for (const service of services) {
    for (let i = 0; i < instances; i++) {
      const p = basePort === 0 ? await freePort() : port++;
      const env = serviceEnv(service, {
        adminUrl,
        database,
        amqpUrl,
        port: p,
        extra: { LOG_LEVEL: 'info', ...(extraEnv[service] ?? {}), ...(extraEnv['*'] ?? {}) },
      });
      if (rewriteDatabaseUrl) env.DATABASE_URL = rewriteDatabaseUrl(service, env.DATABASE_URL);
      if (rewriteAmqpUrl) env.AMQP_URL = rewriteAmqpUrl(service, env.AMQP_URL);
      const proc = {
        service,
        instance: i,
        port: p,
        url: `http://127.0.0.1:${p}`,
        env,
        child: undefined,
        exits: 0,
      };
      proc.start = () => {
        proc.child = spawnService(service, env, { onLine: (line) => onLine(line, service, i) });
        proc.child.on('exit', () => proc.exits++);
        return proc.child;
      };
      procs.push(proc);
      try {
        proc.start();
      } catch (err) {
        // Not built, say: stop the ones already started, or they outlive the caller.
        for (const p of procs) p.child?.kill('SIGKILL');
        throw err;
      }
    }
  }
  // A service that exits before it is ready (bad config, say) fails the start at once.
  await Promise.race([
    Promise.all(procs.map((p) => waitReady(p.url, readyTimeoutMs))),
    ...procs.map(
      (p) =>
        new Promise((_, reject) =>
          p.child.once('exit', (code, signal) =>
            reject(new Error(`${p.service} exited (${signal ?? code}) before it was ready`)),
          ),
        ),
    ),
  ]).catch(async (err) => {
    for (const p of procs) p.child?.kill('SIGKILL');
    throw err;
  });
  const urlOf = (service, i = 0) => procs.find((p) => p.service === service && p.instance === i).url;
  return {
    procs,
    urlOf,
    async stop() {
      await Promise.all(
        procs.map(
          (p) =>
            new Promise((resolve) => {
              if (!p.child || p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
              p.child.once('exit', resolve);
              p.child.kill('SIGTERM');
              setTimeout(() => p.child.kill('SIGKILL'), 20_000).unref();
            }),
        ),
      );
    },
  };
}
