import { randomBytes } from 'node:crypto';
import { createVhost, deleteVhost, dropDatabase, provisionDatabase } from '../../scripts/lib/provision.mjs';
import { startPlatform } from '../../scripts/lib/platform.mjs';
import { TcpProxy, testEnv } from '#shared/testing';

export type Platform = Awaited<ReturnType<typeof bootPlatform>>;

/**
 * The four built services as real processes, on their own database and vhost (so no other test file
 * shares their queues), trusting the run's test signing key. Every log line is kept for inspection.
 */
export async function bootPlatform(
  opts: {
    instances?: number;
    extraEnv?: Record<string, Record<string, string>>;
    services?: string[];
    /** Services whose Postgres connections go through a TCP proxy (`dbProxies[service].cut()` = outage). */
    databaseProxies?: string[];
    /** How long every service has to answer /health/ready (default 90 s; more on a loaded machine). */
    readyTimeoutMs?: number;
  } = {},
) {
  const env = testEnv();
  const suffix = randomBytes(3).toString('hex');
  const database = `${env.database}_e2e_${suffix}`;
  await provisionDatabase({ adminUrl: env.adminUrl, database });
  const vhost = `${env.vhost}_e2e_${suffix}`;
  const amqpUrl = await createVhost(env.amqpBaseUrl, vhost);
  const logs: { service: string; instance: number; line: string }[] = [];
  const dbProxies: Record<string, TcpProxy> = {};
  const pgTarget = new URL(env.adminUrl);
  for (const service of opts.databaseProxies ?? [])
    dbProxies[service] = await new TcpProxy(pgTarget.hostname, Number(pgTarget.port || 5432)).start();
  const platform = await startPlatform({
    rewriteDatabaseUrl: (service, url) => {
      const proxy = dbProxies[service];
      if (!proxy) return url;
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(proxy.port);
      return u.toString();
    },
    adminUrl: env.adminUrl,
    database,
    amqpUrl,
    basePort: 0,
    readyTimeoutMs: opts.readyTimeoutMs,
    instances: opts.instances ?? 1,
    services: opts.services,
    extraEnv: {
      ...opts.extraEnv,
      '*': {
        JWT_PUBLIC_KEY: env.jwtPublicKey,
        AMQP_RETRY_DELAY_MS: '200',
        OUTBOX_POLL_MS: '200',
        DOCS_UI: 'false',
        ...(opts.extraEnv?.['*'] ?? {}),
      },
    },
    onLine: (line, service, instance) => logs.push({ service, instance, line }),
  }).catch(async (err: Error) => {
    await dropDatabase({ adminUrl: env.adminUrl, database }).catch(() => undefined);
    await deleteVhost(env.amqpBaseUrl, vhost).catch(() => undefined);
    throw new Error(
      // Route-mapping chatter hides why a service stopped: show its warnings, errors and stack lines.
      `${err.message}\n${logs
        .filter((l) => !/"level":"(info|debug|trace)"/.test(l.line))
        .map((l) => `${l.service}: ${l.line}`)
        .slice(-40)
        .join('\n')}`,
    );
  });
  const adminDatabaseUrl = (() => {
    const u = new URL(env.adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  })();
  return {
    ...platform,
    dbProxies,
    database,
    adminDatabaseUrl,
    amqpUrl,
    logs,
    async close() {
      await platform.stop();
      await Promise.all(Object.values(dbProxies).map((p) => p.stop()));
      await dropDatabase({ adminUrl: env.adminUrl, database }).catch(() => undefined);
      await deleteVhost(env.amqpBaseUrl, vhost).catch(() => undefined);
    },
  };
}
