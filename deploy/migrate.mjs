#!/usr/bin/env node
// `migrate <service>`: applies the service's database migrations and exits — the Kubernetes
// migration Job runs it before a rollout. The service migrates at start (under an advisory lock, so
// concurrent starts apply each migration once) and answers /health/ready only once it is migrated
// and connected; this starts it on a private port, waits for that, then stops it gracefully.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const service = process.argv[2] ?? process.env.SERVICE;
const main = `dist/apps/${service}/src/main.js`;
if (!service || !existsSync(main)) {
  process.stderr.write(`migrate: unknown service "${service ?? ''}"\n`);
  process.exit(64);
}
const port = await new Promise((resolve, reject) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = s.address();
    s.close(() => resolve(p));
  });
  s.on('error', reject);
});
const child = spawn(process.execPath, [main], {
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DOCS_UI: 'false' },
});
let exited = false;
child.on('exit', (code) => {
  exited = true;
  if (!stopping) {
    process.stderr.write(`migrate: ${service} exited (${code}) before it was ready\n`);
    process.exit(1);
  }
});
let stopping = false;
const deadline = Date.now() + Number(process.env.MIGRATE_TIMEOUT_MS ?? 600_000);
for (;;) {
  const ok = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  if (Date.now() > deadline) {
    process.stderr.write(`migrate: ${service} was not ready in time\n`);
    child.kill('SIGTERM');
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 1000));
}
stopping = true;
process.stdout.write(`migrate: ${service} is migrated\n`);
if (!exited) child.kill('SIGTERM');
child.on('exit', () => process.exit(0));
