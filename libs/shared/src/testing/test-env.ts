import { SignJWT, importPKCS8 } from 'jose';
import type { Role } from '../auth/roles.js';

/** The isolated resources of this test run, provisioned by the global set-up. */
export function testEnv() {
  const need = (k: string) => {
    const v = process.env[k];
    if (!v) throw new Error(`${k} is not set: run tests through jest's global set-up (npm test)`);
    return v;
  };
  const adminUrl = need('NRM_TEST_ADMIN_DATABASE_URL');
  const database = need('NRM_TEST_DATABASE');
  // The Jest project's own vhost (see global-setup.mjs), so one service's tests never consume the
  // events another's publish; the run's vhost when run outside a project.
  const project = (globalThis as { NRM_TEST_PROJECT?: string }).NRM_TEST_PROJECT;
  const projectUrl = project ? process.env[`NRM_TEST_AMQP_URL_VHOST_${project.toUpperCase()}`] : undefined;
  return {
    runId: need('NRM_TEST_RUN_ID'),
    adminUrl,
    database,
    /** Superuser URL on the run's database (for tests that read raw rows). */
    adminDatabaseUrl: withPath(adminUrl, database),
    amqpUrl: projectUrl ?? need('NRM_TEST_AMQP_URL_VHOST'),
    amqpBaseUrl: need('NRM_TEST_AMQP_BASE_URL'),
    vhost: projectUrl ? `${need('NRM_TEST_VHOST')}_${project}` : need('NRM_TEST_VHOST'),
    jwtPublicKey: need('NRM_TEST_JWT_PUBLIC_KEY'),
    jwtPrivateKey: need('NRM_TEST_JWT_PRIVATE_KEY'),
    /** URL of a service's own (runtime) role on the run's database: rows only, no DDL. */
    serviceDatabaseUrl(service: string): string {
      const u = new URL(adminUrl);
      u.username = `nrm_${service}`;
      u.password = `nrm_${service}`;
      u.pathname = `/${database}`;
      return u.toString();
    },
    /** URL of the owner role of a service's schema on the run's database (runs the migrations). */
    ownerDatabaseUrl(service: string): string {
      const u = new URL(adminUrl);
      u.username = `nrm_${service}_owner`;
      u.password = `nrm_${service}_owner`;
      u.pathname = `/${database}`;
      return u.toString();
    },
    /** A service's own broker user on this project's vhost (its rights only: own queues and events). */
    serviceAmqpUrl(service: string): string {
      const u = new URL(projectUrl ?? need('NRM_TEST_AMQP_URL_VHOST'));
      u.username = `nrm_${service}`;
      u.password = `nrm_${service}`;
      return u.toString();
    },
  };
}

function withPath(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Mints a token signed by the run's test key (the services under test trust its public key). */
export async function mintToken(
  claims: { role: Role; org: string; sub?: string },
  opts: { expiresIn?: string | number; privateKeyPem?: string } = {},
): Promise<string> {
  const key = await importPKCS8(opts.privateKeyPem ?? testEnv().jwtPrivateKey, 'ES256');
  return new SignJWT({ role: claims.role, org: claims.org })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(claims.sub ?? `${claims.role}-${claims.org}`)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '1h')
    .sign(key);
}

/** Polls `fn` until it returns without throwing (and, if it returns a boolean, returns true). */
export async function eventually<T>(
  fn: () => Promise<T> | T,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let lastError: unknown;
  for (;;) {
    try {
      const result = await fn();
      if (result !== false) return result;
      lastError = new Error('condition still false');
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError instanceof Error ? lastError : new Error(String(lastError));
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
}
