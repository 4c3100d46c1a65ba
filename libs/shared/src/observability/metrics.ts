import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

/** The one prefix of every metric the platform exposes. Dashboards and alerts depend on it: never change. */
export const METRIC_PREFIX = 'nrm_';

/**
 * A registry that gives every metric registered on it the `nrm_` prefix, whoever created it (the
 * platform, a service, prom-client's default process metrics), and finds metrics by either name.
 */
class PrefixedRegistry extends Registry {
  override registerMetric(metric: Metric): void {
    const m = metric as unknown as { name: string };
    if (!m.name.startsWith(METRIC_PREFIX)) m.name = `${METRIC_PREFIX}${m.name}`;
    super.registerMetric(metric);
  }
  override getSingleMetric(name: string): Metric | undefined {
    return super.getSingleMetric(prefixed(name));
  }
  override getSingleMetricAsString(name: string): Promise<string> {
    return super.getSingleMetricAsString(prefixed(name));
  }
  override removeSingleMetric(name: string): void {
    super.removeSingleMetric(prefixed(name));
  }
}

const prefixed = (name: string) => (name.startsWith(METRIC_PREFIX) ? name : `${METRIC_PREFIX}${name}`);

/** What the outbox gauges show, read from the database when Prometheus scrapes. */
export interface OutboxState {
  backlog: number;
  oldestUnsentAgeSeconds: number;
}

/**
 * The Prometheus metrics of one service instance. Every name starts with `nrm_` and uses base units
 * (`_seconds`, `_bytes`, counters `_total`). Labels never carry personal data or ids of victims:
 * only routes (templates, not raw URLs), event types, outcomes and status codes.
 */
export class Metrics {
  readonly registry: Registry = new PrefixedRegistry();
  private outboxProbe?: () => Promise<OutboxState | undefined>;
  private outboxRead?: Promise<OutboxState | undefined>;

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** Computed at scrape time (see {@link setOutboxProbe}), so its alert fires with nobody probing readiness. */
  readonly outboxBacklog: Gauge = new Gauge({
    name: 'outbox_backlog',
    help: 'Outbox rows not yet published',
    registers: [this.registry],
    collect: () => this.collectOutbox(),
  });

  readonly outboxOldestAge: Gauge = new Gauge({
    name: 'outbox_oldest_unsent_age_seconds',
    help: 'Age of the oldest outbox row not yet published',
    registers: [this.registry],
    collect: () => this.collectOutbox(),
  });

  readonly eventsPublished = new Counter({
    name: 'events_published_total',
    help: 'Events published to the broker and confirmed',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly eventsConsumed = new Counter({
    name: 'events_consumed_total',
    help: 'Events consumed, by type and outcome (processed, duplicate, retried, dead_lettered)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventLatency = new Histogram({
    name: 'event_consume_latency_seconds',
    help: 'Time from an event occurring (envelope occurredAt) to its handler committing',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * How to read the outbox when Prometheus scrapes (the health module sets it). The two outbox gauges
   * of one scrape share one read; a read that fails or times out leaves the last values.
   */
  setOutboxProbe(probe: () => Promise<OutboxState | undefined>): void {
    this.outboxProbe = probe;
  }

  private async collectOutbox(): Promise<void> {
    if (!this.outboxProbe) return;
    this.outboxRead ??= this.outboxProbe()
      .catch(() => undefined)
      .finally(() => (this.outboxRead = undefined)); // shared by the gauges of one scrape only
    const state = await this.outboxRead;
    if (!state) return;
    this.outboxBacklog.set(state.backlog);
    this.outboxOldestAge.set(state.oldestUnsentAgeSeconds);
  }

  /** Registers a service-specific metric on this registry (its name gets the `nrm_` prefix). */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<L>;
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(
    name: string,
    help: string,
    buckets: number[],
    labelNames: readonly L[] = [],
  ): Histogram<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Histogram<L>;
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Gauge<L>;
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
