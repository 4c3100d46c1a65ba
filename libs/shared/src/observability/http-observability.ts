import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  context,
  isSpanContextValid,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { tracer } from './tracing.js';

/** A caller's request id is kept only when it is short and plain; anything else gets a fresh one. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's `genReqId`: the caller's `X-Request-Id` when it is well-formed (so a request can be
 * followed through a proxy), a random UUID otherwise.
 */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CALLER_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Probes and scrapes: logged at debug level only, or every few seconds would drown the log. */
const isRoutine = (route: string) => route.startsWith('/health/') || route === '/metrics';

const spans = new WeakMap<FastifyRequest, Span>();
const started = new WeakMap<FastifyRequest, bigint>();

/**
 * HTTP access logging and server spans for a service's Fastify instance:
 * - every answer carries `X-Request-Id`, and one JSON access line is logged per request with the
 *   request id, method, route template (never the raw URL, whose query may name a person), status,
 *   duration and trace id — through the service's logger, so the same redaction applies;
 * - a server span per request continues the caller's W3C `traceparent`, and the request is handled
 *   inside it, so what the handler does (the outbox write, outgoing calls) joins the same trace.
 * Register it before any other onRequest hook.
 */
export function installHttpObservability(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    started.set(request, process.hrtime.bigint());
    void reply.header('X-Request-Id', request.id);
    const route = request.routeOptions?.url ?? 'unmatched';
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer().startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'nrm.request_id': request.id,
        },
      },
      parent,
    );
    spans.set(request, span);
    context.with(trace.setSpan(parent, span), done);
  });

  fastify.addHook('onError', (request, _reply, error, done) => {
    const span = spans.get(request);
    span?.recordException(error);
    done();
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const status = reply.statusCode;
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    const begin = started.get(request);
    const durationSeconds = begin === undefined ? undefined : Number(process.hrtime.bigint() - begin) / 1e9;
    const line = {
      reqId: request.id,
      method: request.method,
      route,
      status,
      durationSeconds,
      ...(span && isSpanContextValid(span.spanContext()) ? { traceId: span.spanContext().traceId } : {}),
    };
    if (status >= 500) logger.warn(line, 'request');
    else if (isRoutine(route)) logger.debug(line, 'request');
    else logger.info(line, 'request');
    done();
  });
}
