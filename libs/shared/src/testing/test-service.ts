import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { Writable } from 'node:stream';
import { loadConfig, type BaseConfig } from '../config/base.config.js';
import { createLogger } from '../observability/logger.js';
import { createServiceApp } from '../platform/bootstrap.js';
import { PlatformLifecycle } from '../platform/lifecycle.js';
import { AmqpConnection } from '../messaging/amqp-connection.js';
import { testEnv } from './test-env.js';

/** A service booted for a test: the app on an ephemeral port, its base URL and every log line it wrote. */
export interface TestService<C extends BaseConfig = BaseConfig> {
  app: NestFastifyApplication;
  config: C;
  url: string;
  logs: string[];
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Boots a service exactly as `main.ts` does, against the run's isolated database (as the service's
 * own role) and vhost, on an ephemeral port; waits until its database is migrated and, unless told
 * otherwise, its broker connection is up.
 */
export async function startTestService<C extends BaseConfig>(opts: {
  service: 'referral' | 'shelter' | 'compensation' | 'notification' | 'reporting';
  configClass: new () => C;
  module: (config: C, logger: Logger) => DynamicModule;
  env?: Record<string, string>;
  waitForBroker?: boolean;
}): Promise<TestService<C>> {
  const env = testEnv();
  const config = loadConfig(opts.configClass, {
    ...process.env,
    PORT: '1',
    DATABASE_URL: env.serviceDatabaseUrl(opts.service),
    MIGRATION_DATABASE_URL: env.ownerDatabaseUrl(opts.service),
    AMQP_URL: env.serviceAmqpUrl(opts.service),
    JWT_PUBLIC_KEY: env.jwtPublicKey,
    JWT_JWKS_URL: '',
    LOG_LEVEL: 'info',
    DOCS_UI: 'false',
    // Tests fire many requests from one client; the limiter's own tests set a low limit.
    RATE_LIMIT_PER_MINUTE: '100000',
    AMQP_RETRY_DELAY_MS: '100',
    OUTBOX_POLL_MS: '200',
    ...opts.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = createLogger(opts.service, config.LOG_LEVEL, sink);
  const app = await createServiceApp({
    service: opts.service,
    title: opts.service,
    description: 'test',
    config,
    logger,
    module: opts.module(config, logger),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const lifecycle = app.get(PlatformLifecycle);
  await lifecycle.whenDatabaseReady();
  if (opts.waitForBroker !== false) await app.get(AmqpConnection).waitUntilConnected(30_000);
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    logs,
    logger,
    close: () => app.close(),
  };
}
