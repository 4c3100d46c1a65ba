import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventually, testEnv } from '#shared/testing';
import {
  createVhost,
  deleteBrokerUsers,
  deleteVhost,
  dropDatabase,
  ownerDatabaseUrl,
  provisionBrokerUsers,
  provisionDatabase,
  serviceDatabaseUrl,
} from '../../scripts/lib/provision.mjs';
import { freePort } from '../../scripts/lib/platform.mjs';

/**
 * The production install, as the image's runtime stage has it: `npm ci --omit=dev` alone, the built
 * dist/ beside it, nothing else of the workspace. Every built service must boot from it, so a
 * devDependency imported at run time fails here (no Docker engine needed). The install is cached
 * per lockfile in the OS temp directory and reuses npm's cache, so later runs take seconds.
 */
const root = path.resolve(import.meta.dirname, '../..');
const services = existsSync(path.join(root, 'dist/apps'))
  ? readdirSync(path.join(root, 'dist/apps')).filter((s) =>
      existsSync(path.join(root, 'dist/apps', s, 'src/main.js')),
    )
  : [];

function productionNodeModules(): string {
  const lock = readFileSync(path.join(root, 'package-lock.json'));
  const hash = createHash('sha256')
    .update(lock)
    .update(readFileSync(path.join(root, 'package.json')))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(tmpdir(), `nrm-production-install-${hash}`);
  // Installs of older lockfiles (each ~300 MB) go once nobody can still be using them.
  for (const old of readdirSync(tmpdir()).filter((n) => n.startsWith('nrm-production-install-'))) {
    const p = path.join(tmpdir(), old);
    if (p !== dir && Date.now() - statSync(p).mtimeMs > 6 * 3600_000)
      rmSync(p, { recursive: true, force: true });
  }
  if (existsSync(path.join(dir, 'node_modules/.nrm-complete'))) return path.join(dir, 'node_modules');
  // Install beside, then rename: two test runs at once never see a half-written install.
  const staging = `${dir}.${process.pid}.${randomBytes(3).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(staging, 'package.json'));
  cpSync(path.join(root, 'package-lock.json'), path.join(staging, 'package-lock.json'));
  execFileSync(
    'npm',
    [
      'ci',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    {
      cwd: staging,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_cache: process.env.npm_config_cache },
    },
  );
  writeFileSync(path.join(staging, 'node_modules/.nrm-complete'), new Date().toISOString());
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run won the race: use its install
  }
  return path.join(dir, 'node_modules');
}

/**
 * Values for the variables a service requires and has no default for, by their names (key rings,
 * key ids, keys); the rest come from the config class defaults.
 */
async function requiredSecrets(service: string): Promise<Record<string, string>> {
  const dir = path.join(root, 'apps', service, 'src/config');
  const env: Record<string, string> = {};
  if (!existsSync(dir)) return env;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.config.ts'))) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    for (const cls of Object.values(mod)) {
      if (typeof cls !== 'function') continue;
      let instance: Record<string, unknown>;
      try {
        instance = new (cls as new () => Record<string, unknown>)();
      } catch {
        continue;
      }
      if (!('PORT' in instance)) continue;
      for (const [name, value] of Object.entries(instance)) {
        if (value !== undefined) continue;
        if (name.endsWith('_ACTIVE_KEY_ID')) env[name] = 'k1';
        else if (name.endsWith('_KEYS')) env[name] = `k1:${randomBytes(32).toString('base64')}`;
        else if (name.endsWith('_KEY') && name !== 'JWT_PUBLIC_KEY')
          env[name] = randomBytes(32).toString('base64');
      }
    }
  }
  return env;
}

describe('the production install (npm ci --omit=dev) runs every service', () => {
  const env = testEnv();
  const suffix = randomBytes(3).toString('hex');
  const database = `${env.database}_prod_${suffix}`;
  const vhost = `${env.vhost}_prod_${suffix}`;
  let amqpUrl: string;
  let brokerUrls: Record<string, string>;
  // Postgres authenticates local test connections by trust: any real-looking password will do.
  const dbPassword = randomBytes(18).toString('hex');
  let runDir: string;
  const children: ChildProcess[] = [];
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwtPublicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  beforeAll(async () => {
    expect(services).toEqual(expect.arrayContaining(['referral', 'shelter', 'compensation', 'notification']));
    const nodeModules = productionNodeModules();
    // Copied, not linked: Node resolves packages from a file's real path, and the workspace's own
    // node_modules (with every devDependency) must stay out of reach.
    runDir = mkdtempSync(path.join(tmpdir(), 'nrm-production-run-'));
    cpSync(path.join(root, 'dist'), path.join(runDir, 'dist'), { recursive: true });
    cpSync(path.join(root, 'package.json'), path.join(runDir, 'package.json'));
    cpSync(path.join(root, 'deploy'), path.join(runDir, 'deploy'), {
      recursive: true,
      filter: (p) => !p.includes('kubernetes'),
    });
    cpSync(path.join(root, 'scripts/lib'), path.join(runDir, 'scripts/lib'), { recursive: true });
    symlinkSync(nodeModules, path.join(runDir, 'node_modules'), 'dir');
    await provisionDatabase({ adminUrl: env.adminUrl, database });
    amqpUrl = await createVhost(env.amqpBaseUrl, vhost);
    // Production refuses development credentials: this run's own broker users, with real passwords.
    brokerUrls = await provisionBrokerUsers({
      amqpUrl: env.amqpBaseUrl,
      vhost,
      userSuffix: `_prod_${suffix}`,
      passwords: Object.fromEntries(services.map((s) => [s, randomBytes(18).toString('hex')])),
    });
  }, 600_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    if (runDir) rmSync(runDir, { recursive: true, force: true });
    await deleteVhost(env.amqpBaseUrl, vhost).catch(() => undefined);
    await deleteBrokerUsers({ amqpUrl: env.amqpBaseUrl, userSuffix: `_prod_${suffix}` }).catch(
      () => undefined,
    );
    await dropDatabase({ adminUrl: env.adminUrl, database }).catch(() => undefined);
  });

  const serviceEnvOf = async (service: string, port: number) => ({
    PATH: process.env.PATH,
    // Production as an operator configures it: every credential explicit and real (this run's own
    // broker users, real-looking database passwords), issuer and audience set.
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: serviceDatabaseUrl(env.adminUrl, database, service, dbPassword),
    MIGRATION_DATABASE_URL: ownerDatabaseUrl(env.adminUrl, database, service, dbPassword),
    AMQP_URL: brokerUrls[service] ?? amqpUrl,
    JWT_PUBLIC_KEY: jwtPublicKey,
    JWT_ISSUER: 'https://idp.nrm.test',
    JWT_AUDIENCE: 'nrm',
    // The test reads /docs-json without a token; production's default is OPS_ENDPOINTS=token.
    OPS_ENDPOINTS: 'open',
    DOCS_UI: 'true',
    LOG_LEVEL: 'warn',
    ...(await requiredSecrets(service)),
    ...(service === 'console'
      ? {
          OIDC_ISSUER: 'http://127.0.0.1:1/',
          OIDC_CLIENT_ID: 'nrm-console',
          OIDC_CLIENT_SECRET: randomBytes(24).toString('base64'),
          SESSION_SECRET: randomBytes(36).toString('base64'),
        }
      : {}),
  });

  it('runs the image entry point: `migrate referral` applies the migrations and exits 0', async () => {
    const child = spawn('/bin/sh', ['deploy/entrypoint.sh', 'migrate', 'referral'], {
      cwd: runDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: await serviceEnvOf('referral', 1),
    });
    children.push(child);
    const output: string[] = [];
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect({ code, output: code === 0 ? '' : output.join('').slice(-3000) }).toEqual({ code: 0, output: '' });
    expect(output.join('')).toContain('migrate: referral is migrated');
  }, 300_000);

  it.each(services)(
    'boots %s from the production install to /health/live 200 and /health/ready 200',
    async (service) => {
      const port = await freePort();
      const output: string[] = [];
      const child = spawn(process.execPath, [path.join(runDir, 'dist/apps', service, 'src/main.js')], {
        cwd: runDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: await serviceEnvOf(service, port),
      });
      children.push(child);
      child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      const url = `http://127.0.0.1:${port}`;
      const status = async (p: string) => {
        if (child.exitCode !== null)
          throw new Error(`${service} exited with ${child.exitCode}:\n${output.join('').slice(-3000)}`);
        return (await fetch(`${url}${p}`)).status;
      };
      await eventually(async () => (await status('/health/live')) === 200, {
        timeoutMs: 120_000,
        intervalMs: 250,
      }).catch((err: Error) => {
        throw new Error(`${err.message}\n${output.join('').slice(-3000)}`);
      });
      await eventually(async () => (await status('/health/ready')) === 200, {
        timeoutMs: 120_000,
        intervalMs: 500,
      });
      if (service !== 'console') expect(await status('/docs-json')).toBe(200); // the console has no API of its own
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
    300_000,
  );
});
