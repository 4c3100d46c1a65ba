// Starting the four services as processes: shared by `npm start`, the cross-service tests, the
// benchmark and the chaos run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { serviceDatabaseUrl, SERVICES } from './provision.mjs';
import { devJwtKeys, devSecrets } from './dev-keys.mjs';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const DEFAULT_PORTS = { referral: 3001, shelter: 3002, compensation: 3003, notification: 3004 };

/** The environment of one service process. */
export function serviceEnv(service, { adminUrl, database, amqpUrl, port, extra = {} }) {
  const { publicKeyPem } = devJwtKeys();
  const secrets = devSecrets()[service] ?? {};
  return {
    ...process.env,
    ...secrets,
    PORT: String(port),
    DATABASE_URL: serviceDatabaseUrl(adminUrl, database, service),
    AMQP_URL: amqpUrl,
    JWT_PUBLIC_KEY: process.env.JWT_JWKS_URL ? '' : (process.env.JWT_PUBLIC_KEY ?? publicKeyPem),
    ...extra,
  };
}

/** Spawns a built service; its JSON log lines go to `onLine` (default: this process's stdout). */
export function spawnService(service, env, { onLine, stdio } = {}) {
  const main = path.join(root, 'dist/apps', service, 'src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx nx run-many -t build)`);
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    env,
    stdio: stdio ?? ['ignore', 'pipe', 'pipe'],
    cwd: root,
  });
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
