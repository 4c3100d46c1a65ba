import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase } from '../../scripts/lib/provision.mjs';
import { freePort, root, waitReady } from '../../scripts/lib/platform.mjs';
import { isolatedVhost, testEnv } from '#shared/testing';

/** Runs a command to its end (or until `until` matches its output, then SIGTERM), collecting output. */
function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  opts: { until?: RegExp; timeoutMs?: number } = {},
) {
  return new Promise<{
    code: number | null;
    output: string;
    matched: boolean;
    child: ReturnType<typeof spawn>;
  }>((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let matched = false;
    const onData = (c: Buffer) => {
      output += c.toString();
      if (opts.until && !matched && opts.until.test(output)) {
        matched = true;
        resolve({ code: null, output, matched, child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!matched) resolve({ code, output, matched, child });
    });
  });
}

describe('running the platform', () => {
  const env = testEnv();

  it('stops a service with an invalid configuration, naming each bad variable', async () => {
    const { code, output } = await run(
      process.execPath,
      [path.join(root, 'dist/apps/referral/src/main.js')],
      {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        JWT_PUBLIC_KEY: '',
        PII_KEYS: '',
      },
    );
    expect(code).toBe(1);
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_PUBLIC_KEY', 'PII_KEYS']) expect(output).toContain(name);
    expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('npm start says which dependency is unreachable and how to start it', async () => {
    const closed = await freePort();
    const { code, output } = await run(process.execPath, ['scripts/start.mjs'], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/postgres`,
    });
    expect(code).toBe(1);
    expect(output).toContain(`Postgres is not reachable at postgres://127.0.0.1:${closed}`);
    expect(output).toContain('docker compose up -d postgres rabbitmq');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('npm start brings up the four services, each ready, and stops them gracefully', async () => {
    const database = `${env.database}_start_${randomBytes(2).toString('hex')}`;
    // Its own vhost: the started services must not consume other test files' events.
    const vhost = await isolatedVhost();
    const ports = {
      REFERRAL_PORT: await freePort(),
      SHELTER_PORT: await freePort(),
      COMPENSATION_PORT: await freePort(),
      NOTIFICATION_PORT: await freePort(),
    };
    const started = await run(
      process.execPath,
      ['scripts/start.mjs'],
      {
        DATABASE_URL: env.adminUrl,
        AMQP_URL: vhost.url,
        NRM_DATABASE: database,
        LOG_LEVEL: 'warn',
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      },
      // The last line start.mjs prints, after every service's address.
      { until: /Mint a token with/, timeoutMs: 240_000 },
    );
    try {
      expect(started.matched).toBe(true);
      for (const port of Object.values(ports)) {
        await waitReady(`http://127.0.0.1:${port}`, 5000);
        expect(started.output).toContain(`http://127.0.0.1:${port}`);
      }
    } finally {
      const exited = new Promise<number | null>((resolve) =>
        started.child.once('exit', (code) => resolve(code)),
      );
      started.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await dropDatabase({ adminUrl: env.adminUrl, database }).catch(() => undefined);
      await vhost.drop();
    }
  }, 300_000);
});
