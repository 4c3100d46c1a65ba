import 'reflect-metadata';
import { timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { JwtVerifier } from '../auth/jwt-verifier.js';
import {
  ConfigValidationError,
  loadConfig,
  opsEndpointsPolicy,
  type BaseConfig,
} from '../config/base.config.js';
import {
  OVERLOAD_RETRY_AFTER_SECONDS,
  ProblemFilter,
  overloadedProblem,
  toProblem,
} from '../errors/problem.filter.js';
import { createValidationPipe } from '../errors/validation.js';
import { Metrics } from '../observability/metrics.js';
import { createLogger, PinoNestLogger } from '../observability/logger.js';
import { installHttpObservability, requestIdOf } from '../observability/http-observability.js';
import { startTracing } from '../observability/tracing.js';
import { addProblemResponses } from '../openapi/problem-responses.js';
import { PlatformLifecycle } from './lifecycle.js';
import { PlatformRunner } from './platform.module.js';
import { AmqpEventTransport } from '../messaging/event-transport.js';

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
}

function isJson(contentType: string | string[] | undefined): boolean {
  const value =
    (Array.isArray(contentType) ? contentType[0] : contentType)?.split(';')[0]?.trim().toLowerCase() ?? '';
  return value === 'application/json' || (value.startsWith('application/') && value.endsWith('+json'));
}

/** The operational endpoints whose access OPS_ENDPOINTS governs (health stays open for probes). */
function isOpsPath(path: string): boolean {
  return path === '/metrics' || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');
}

/**
 * True when the request carries OPS_TOKEN or a valid JWT of an operator or admin. Compared in constant
 * time, so the static token cannot be guessed byte by byte.
 */
async function opsAuthorised(
  header: string | string[] | undefined,
  config: BaseConfig,
  verifier: JwtVerifier,
): Promise<boolean> {
  const match = typeof header === 'string' ? /^Bearer ([\x21-\x7e]+)$/.exec(header) : null;
  const token = match?.[1];
  if (!token) return false;
  if (config.OPS_TOKEN) {
    const a = Buffer.from(token);
    const b = Buffer.from(config.OPS_TOKEN);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
  }
  try {
    const user = await verifier.verify(token);
    return user.role === 'operator' || user.role === 'admin';
  } catch {
    return false;
  }
}

/** What {@link createServiceApp} needs. */
export interface ServiceAppOptions<C extends BaseConfig> {
  service: string;
  title: string;
  description: string;
  config: C;
  logger: Logger;
  /** The service's root module, built with the config (it imports PlatformModule.forService). */
  module: DynamicModule;
}

/**
 * Builds a service's Nest application on Fastify with the platform's global pieces: problem+json
 * filter, validation pipe, body limit, HTTP metrics, OpenAPI at /docs and /docs-json, and a gate that
 * answers 503 on `/v1` until the database is migrated. It does not listen yet.
 */
export async function createServiceApp<C extends BaseConfig>(
  opts: ServiceAppOptions<C>,
): Promise<NestFastifyApplication> {
  const { config, logger } = opts;
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: false,
    // Fastify's own request logging is replaced by metrics and our access log (installHttpObservability).
    logger: false,
    genReqId: requestIdOf,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(opts.module, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    abortOnError: false,
  });
  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // Security headers on every answer (HSTS, nosniff, frame denial, CSP fit for the Swagger UI).
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', 'validator.swagger.io'],
        scriptSrc: [`'self'`, `https: 'unsafe-inline'`],
      },
    },
  });

  const metrics = app.get(Metrics);
  const lifecycle = app.get(PlatformLifecycle);
  const verifier = app.get(JwtVerifier);
  const opsPolicy = opsEndpointsPolicy(config);
  const fastify = app.getHttpAdapter().getInstance();
  // The bounded queue in front of the pool: at most DATABASE_POOL_SIZE + OVERLOAD_QUEUE_LIMIT requests
  // on /v1 at once; one more is refused with `503 overloaded` before it costs any work.
  const inFlightCap = config.DATABASE_POOL_SIZE + config.OVERLOAD_QUEUE_LIMIT;
  let inFlight = 0;
  // First hook: request id, server span (the rest of the request runs inside it), access log.
  installHttpObservability(fastify, logger);
  fastify.addHook('onRequest', async (request, reply) => {
    (request as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
    if (opsPolicy !== 'open' && isOpsPath(request.url.split('?')[0] ?? '')) {
      if (opsPolicy === 'off') {
        return reply
          .status(404)
          .header('Content-Type', 'application/problem+json')
          .send(toProblem({ statusCode: 404 }));
      }
      if (!(await opsAuthorised(request.headers.authorization, config, verifier))) {
        return reply
          .status(401)
          .header('Content-Type', 'application/problem+json')
          .header('WWW-Authenticate', 'Bearer')
          .send(toProblem({ statusCode: 401 }));
      }
    }
    if (hasBody(request.headers) && !isJson(request.headers['content-type'])) {
      // Every API takes JSON only: anything else is refused before a parser touches it.
      const problem = toProblem({ statusCode: 415 });
      return reply.status(415).header('Content-Type', 'application/problem+json').send(problem);
    }
    if (request.url.startsWith('/v1') && !lifecycle.databaseReady) {
      const problem = toProblem({ statusCode: 503 });
      return reply
        .status(503)
        .header('Content-Type', 'application/problem+json')
        .header('Retry-After', '5')
        .send(problem);
    }
    if (request.url.startsWith('/v1')) {
      if (inFlight >= inFlightCap) {
        return reply
          .status(503)
          .header('Content-Type', 'application/problem+json')
          .header('Retry-After', String(OVERLOAD_RETRY_AFTER_SECONDS))
          .send({ ...overloadedProblem(), instance: request.url.split('?')[0] });
      }
      inFlight++;
      let counted = true;
      // 'close' fires once the answer is sent or the client went away, so the count never leaks.
      reply.raw.once('close', () => {
        if (counted) inFlight--;
        counted = false;
      });
    }
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const started = (request as { startedAt?: bigint }).startedAt;
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    if (started !== undefined) {
      metrics.httpDuration.observe(
        { method: request.method, route },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  });
  // Errors Fastify raises before a handler runs (body too large, bad JSON, wrong media type) reach the
  // ProblemFilter too: Nest installs Fastify's error handler and routes them to its exception layer.

  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(opts.title)
      .setDescription(opts.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  // Every operation's errors (problem+json with their `type` codes) and request body examples.
  const document = addProblemResponses(generated);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', ui: config.DOCS_UI });

  // The event consumer is a Nest microservice on the same container: `@EventPattern` handlers, and
  // the global pipes, interceptors and filters above apply to events too. It starts consuming once
  // the broker connection is up (after the database is migrated).
  app.connectMicroservice({ strategy: app.get(AmqpEventTransport) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  return app;
}

/**
 * The whole start of a service process: validate config (exit 1 listing every bad variable), build
 * the app, listen, and let the platform connect to Postgres and RabbitMQ in the background, retrying
 * until they are reachable (readiness says 503 meanwhile).
 */
export async function runService<C extends BaseConfig>(opts: {
  service: string;
  title: string;
  description: string;
  configClass: new () => C;
  module: (config: C, logger: Logger) => DynamicModule;
}): Promise<NestFastifyApplication> {
  let config: C;
  try {
    config = loadConfig(opts.configClass);
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      process.stderr.write(`${opts.service}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(opts.service, config.LOG_LEVEL);
  // Before the app is built, so every module sees the tracer provider (none without an endpoint).
  const tracing = startTracing(opts.service, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const app = await createServiceApp({ ...opts, config, logger, module: opts.module(config, logger) });
  if (tracing)
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', () => tracing.shutdown());
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ url: `http://${config.HOST}:${config.PORT}` }, `${opts.service} listening`);
  void app.get(PlatformRunner).whenStarted();
  // A second signal during shutdown forces exit; a shutdown that overruns its budget exits too.
  const force = (signal: string) => {
    setTimeout(() => {
      logger.error({ signal }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5000).unref();
  };
  process.once('SIGTERM', () => force('SIGTERM'));
  process.once('SIGINT', () => force('SIGINT'));
  return app;
}
