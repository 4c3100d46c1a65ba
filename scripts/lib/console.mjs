// Starting the web console and (in development) its OpenID provider as processes: shared by
// `npm start` and the browser tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { root, waitReady } from './platform.mjs';
import { ownerDatabaseUrl, serviceDatabaseUrl } from './provision.mjs';
import { DEV_API_RESOURCE, DEV_CLIENT_ID } from './dev-oidc.mjs';

function forward(child, name, onLine) {
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        onLine(line, name);
      }
    });
  }
}

async function waitFor(url, child, name, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited (${child.signalCode ?? child.exitCode}) before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms`);
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** The development OpenID provider on `port` (issuer http://127.0.0.1:<port>), trusting `redirectUris`. */
export async function startDevOidcProcess({
  port,
  clientSecret,
  redirectUris,
  postLogoutRedirectUris,
  accessTokenTtlSeconds,
  onLine = () => {},
}) {
  const issuer = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, 'scripts/dev-oidc.mjs')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_NO_WARNINGS: '1',
      OIDC_DEV_PORT: String(port),
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URIS: redirectUris.join(','),
      OIDC_POST_LOGOUT_REDIRECT_URIS: postLogoutRedirectUris.join(','),
      ...(accessTokenTtlSeconds ? { OIDC_ACCESS_TOKEN_TTL: String(accessTokenTtlSeconds) } : {}),
    },
  });
  forward(child, 'dev-oidc', onLine);
  await waitFor(`${issuer}/.well-known/openid-configuration`, child, 'the development OpenID provider');
  return { issuer, jwksUrl: `${issuer}/jwks`, child, stop: () => stopChild(child) };
}

/**
 * The built console (dist/apps/console) on `port`, proxying to `upstreams` ({ referral: url, … }).
 * With `database` ({ adminUrl, name }) its sessions are kept in that database's "console" schema
 * (as the `nrm_console` role; migrated as `nrm_console_owner`), so they survive a restart and are
 * shared by every console given the same database and `sessionSecret`.
 */
export async function startConsoleProcess({
  port,
  publicUrl,
  issuer,
  clientSecret,
  upstreams,
  sessionSecret = randomBytes(32).toString('hex'),
  database,
  env = {},
  onLine = () => {},
}) {
  const main = path.join(root, 'dist/apps/console/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx nx build console)`);
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: DEV_CLIENT_ID,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_RESOURCE: DEV_API_RESOURCE,
      SESSION_SECRET: sessionSecret,
      ...(database
        ? {
            DATABASE_URL: serviceDatabaseUrl(database.adminUrl, database.name, 'console'),
            MIGRATION_DATABASE_URL: ownerDatabaseUrl(database.adminUrl, database.name, 'console'),
          }
        : {}),
      ...Object.fromEntries(
        Object.entries(upstreams).map(([service, url]) => [`${service.toUpperCase()}_URL`, url]),
      ),
      ...env,
    },
  });
  forward(child, 'console', onLine);
  // Generous: on a loaded machine the first start also migrates the console schema.
  await waitReady(`http://127.0.0.1:${port}`, 180_000).catch((err) => {
    child.kill('SIGKILL');
    throw err;
  });
  return { url: publicUrl, child, stop: () => stopChild(child) };
}

/** A client secret for the development provider and the console to share in one run. */
export const newClientSecret = () => randomBytes(24).toString('base64url');

/** A token signed with the development key (`npm run token`'s), for the demo seed. */
export async function devToken({ role, org, sub }) {
  const { SignJWT, importPKCS8 } = await import('jose');
  const { devJwtKeys } = await import('./dev-keys.mjs');
  return new SignJWT({ role, org })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(await importPKCS8(devJwtKeys().privateKeyPem, 'ES256'));
}
