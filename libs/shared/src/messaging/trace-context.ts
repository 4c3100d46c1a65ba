import { ROOT_CONTEXT, context, propagation, type Context } from '@opentelemetry/api';

/**
 * W3C trace context across the bus. A unit of work captures the active context when it writes an
 * event (`traceparent`, `tracestate`), the relay sends it as AMQP headers, and the consumer makes it
 * the active context while the handler runs. Until an OpenTelemetry SDK registers a propagator this
 * is a no-op (nothing is captured, nothing restored).
 */
export type TraceCarrier = Record<string, string>;

/** Key of the captured trace context inside a stored outbox envelope (never published in the body). */
export const OUTBOX_TRACE_KEY = '_trace';

/** The active trace context as W3C headers (empty when no propagator is registered). */
export function captureTraceContext(ctx: Context = context.active()): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return Object.keys(carrier).length ? carrier : undefined;
}

/** Runs `fn` with the trace context carried by a message's headers as the active context. */
export function withTraceContext<R>(headers: Record<string, unknown> | undefined, fn: () => R): R {
  const carrier: TraceCarrier = {};
  for (const key of ['traceparent', 'tracestate']) {
    const value = headers?.[key];
    if (typeof value === 'string') carrier[key] = value;
    else if (Buffer.isBuffer(value)) carrier[key] = value.toString('utf8');
  }
  if (!carrier.traceparent) return fn();
  return context.with(propagation.extract(ROOT_CONTEXT, carrier), fn);
}
