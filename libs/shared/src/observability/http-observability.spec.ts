import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import Fastify from 'fastify';
import { eventually } from '../testing/test-env.js';
import { createLogger } from './logger.js';
import { installHttpObservability, requestIdOf } from './http-observability.js';
import { startTracing, tracer, type Tracing } from './tracing.js';

describe(installHttpObservability.name, () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'test',
    'debug',
    new Writable({ write: (c: Buffer, _e, cb) => (lines.push(JSON.parse(c.toString())), cb()) }),
  );
  const app = Fastify({ genReqId: requestIdOf });
  let innerTraceId: string | undefined;
  let base = '';
  // Real HTTP (Fastify's inject needs a module Jest's ESM mode cannot load).
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${url}`, { headers });
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), json: await res.json() };
  };

  beforeAll(async () => {
    tracing = startTracing('test', undefined, { processor: new SimpleSpanProcessor(exporter) });
    installHttpObservability(app, logger);
    app.get('/v1/things/:id', async () => {
      // What the handler does runs inside the request's span (e.g. the outbox write takes its traceparent).
      innerTraceId = trace.getSpan(context.active())?.spanContext().traceId;
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      return { traceparent: carrier.traceparent };
    });
    app.get('/health/live', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    await tracing?.shutdown();
  });

  it('continues the caller’s traceparent in a server span that the handler runs in', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await get('/v1/things/123?victimRef=V-SECRET', {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(res.statusCode).toBe(200);
    expect(innerTraceId).toBe(traceId);
    expect(res.json.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const span = exporter.getFinishedSpans().find((s) => s.name === 'GET /v1/things/:id')!;
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span.attributes).toMatchObject({
      'http.route': '/v1/things/:id',
      'http.response.status_code': 200,
    });
  });

  it('logs one access line per request with the request id and route template, never the raw URL', async () => {
    lines.length = 0;
    const res = await get('/v1/things/9?victimRef=V-SECRET', { 'x-request-id': 'abc-123' });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const access = await eventually(() => {
      const found = lines.filter((l) => l.msg === 'request');
      return found.length > 0 && found;
    });
    expect(access).toEqual([
      expect.objectContaining({
        level: 'info',
        reqId: 'abc-123',
        method: 'GET',
        route: '/v1/things/:id',
        status: 200,
      }),
    ]);
    expect(typeof access[0].durationSeconds).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('V-SECRET');
  });

  it('gives a request without a usable X-Request-Id a fresh one', async () => {
    const res = await get('/health/live', { 'x-request-id': 'bad id with spaces' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await eventually(() => lines.filter((l) => l.route === '/health/live').map((l) => l.level)[0]),
    ).toBe('debug');
  });

  it('is a no-op without an OTLP endpoint', () => {
    expect(startTracing('test', undefined)).toBeUndefined();
    expect(tracer()).toBeDefined();
  });
});
