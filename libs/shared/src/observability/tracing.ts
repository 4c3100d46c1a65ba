import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

/** The tracer every part of the platform uses (HTTP server spans, outbox, consumers, webhooks). */
export const TRACER_NAME = 'nrm-platform';

/** The platform's tracer; a no-op until {@link startTracing} registered a provider. */
export const tracer = () => trace.getTracer(TRACER_NAME);

/** What {@link startTracing} returns: flushes and stops the exporter at shutdown. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Registers the global tracer provider with W3C trace-context propagation (`traceparent`), exporting
 * spans by OTLP over HTTP to `endpoint` (`…/v1/traces` is appended, as OTEL_EXPORTER_OTLP_ENDPOINT
 * means). Without an endpoint nothing is registered: the OpenTelemetry API stays a no-op and costs
 * nothing. Spans carry no personal data: routes are templates, events are types and ids.
 */
export function startTracing(
  service: string,
  endpoint: string | undefined,
  opts: { processor?: SpanProcessor; version?: string } = {},
): Tracing | undefined {
  if (!endpoint && !opts.processor) return undefined;
  const processor =
    opts.processor ??
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint!.replace(/\/+$/, '')}/v1/traces` }));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: `nrm-${service}`,
      [ATTR_SERVICE_VERSION]: opts.version ?? '1',
    }),
    spanProcessors: [processor],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return {
    async shutdown() {
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      propagation.disable();
    },
  };
}
