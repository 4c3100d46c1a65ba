import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, PinoNestLogger, ProblemFilter } from '#shared';
import { ConsoleModule } from './app.module.js';
import { loadConsoleConfig, type ConsoleConfig } from './config/console.config.js';
import { registerApiProxy } from './proxy/api-proxy.js';
import { PostgresSessionStore, migrateConsoleSchema } from './session/pg-session.store.js';
import { MemorySessionStore, type SessionStore } from './session/session.store.js';

/** The web console: the built single-page app, sign-in, and the API proxy. */
export async function createConsoleApp(config: ConsoleConfig): Promise<NestFastifyApplication> {
  const logger = createLogger('console', config.LOG_LEVEL);
  let sessions: SessionStore;
  if (config.DATABASE_URL) {
    await migrateConsoleSchema(config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, logger);
    sessions = new PostgresSessionStore(config.DATABASE_URL, config.SESSION_SECRET, logger);
  } else {
    logger.warn(
      'DATABASE_URL is not set: sessions are kept in memory (lost on restart, not shared between instances)',
    );
    sessions = new MemorySessionStore();
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    ConsoleModule.register(config, logger, sessions),
    new FastifyAdapter({ logger: false, trustProxy: false, bodyLimit: 1_048_576 }),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  app.useGlobalFilters(new ProblemFilter(logger));
  app.enableShutdownHooks();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => sessions.close());
  await app.register(fastifyCookie, { secret: config.SESSION_SECRET });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'nrm_csrf',
    cookieOpts: { httpOnly: true, sameSite: 'strict', path: '/', signed: true, secure: config.COOKIE_SECURE },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // MUI (react-admin) injects its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", new URL(config.OIDC_ISSUER).origin],
        upgradeInsecureRequests: config.COOKIE_SECURE ? [] : null,
      },
    },
  });
  // OpenAPI of the console's own routes (sign-in, session); /api/<service>/… is each service's own API.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('NRM Console')
      .setDescription(
        "Sign-in (OpenID Connect, code + PKCE), the session, and /api/<service>/… proxied to the services with the session's token",
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', ui: false });
  const fastify = app.getHttpAdapter().getInstance();
  await registerApiProxy(fastify, config.upstreams(), sessions);
  const publicDir =
    config.CONSOLE_PUBLIC_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
  if (existsSync(publicDir)) {
    await app.register(fastifyStatic, {
      root: publicDir,
      index: ['index.html'],
      setHeaders: (res, file) => {
        void res.header(
          'Cache-Control',
          file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
  } else {
    logger.warn({ publicDir }, 'the single-page app is not built (npx nx build console)');
  }
  return app;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  let config: ConsoleConfig;
  try {
    config = loadConsoleConfig();
  } catch (err) {
    process.stderr.write(`console: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const app = await createConsoleApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  createLogger('console', config.LOG_LEVEL).info({ url: config.PUBLIC_URL, port }, 'console listening');
}
