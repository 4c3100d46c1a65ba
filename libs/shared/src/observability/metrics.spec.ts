import { Counter, Gauge } from 'prom-client';
import { Metrics } from './metrics.js';

describe(Metrics.name, () => {
  it('gives every metric one nrm_ prefix and base units, whoever registers it', async () => {
    const metrics = new Metrics('test');
    metrics.counter('things_done_total', 'Things done');
    metrics.gauge('nrm_already_prefixed', 'Already prefixed');
    new Gauge({
      name: 'registered_directly',
      help: 'A gauge made outside the helpers',
      registers: [metrics.registry],
    });
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.filter((n) => !/^nrm_[a-z][a-z0-9_]*$/.test(n))).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining(['nrm_things_done_total', 'nrm_already_prefixed', 'nrm_registered_directly']),
    );
    expect(names.filter((n) => n.startsWith('nrm_nrm_'))).toEqual([]);
    // Base units only: no milliseconds, minutes, kilobytes …; every counter ends in _total.
    expect(
      names.filter((n) => /_(ms|milliseconds|minutes|hours|kb|mb|kilobytes|megabytes|percent)(_|$)/.test(n)),
    ).toEqual([]);
    const counters = (await metrics.registry.getMetricsAsJSON())
      .filter((m) => m.type === 'counter')
      .map((m) => m.name);
    expect(counters.filter((n) => !n.endsWith('_total'))).toEqual([]);
    // Found by either name, so callers need not know about the prefix.
    expect(metrics.registry.getSingleMetric('things_done_total')).toBeInstanceOf(Counter);
    expect(metrics.counter('things_done_total', 'Things done')).toBe(
      metrics.registry.getSingleMetric('nrm_things_done_total'),
    );
  });

  it('computes the outbox gauges when Prometheus scrapes, with one read per scrape', async () => {
    const metrics = new Metrics('test');
    let reads = 0;
    metrics.setOutboxProbe(async () => {
      reads++;
      return { backlog: 7, oldestUnsentAgeSeconds: 42.5 };
    });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^nrm_outbox_backlog\{service="test"\} 7$/m);
    expect(text).toMatch(/^nrm_outbox_oldest_unsent_age_seconds\{service="test"\} 42.5$/m);
    expect(reads).toBe(1);
  });

  it('keeps the last outbox values when a read fails', async () => {
    const metrics = new Metrics('test');
    let fail = false;
    metrics.setOutboxProbe(async () => {
      if (fail) throw new Error('database down');
      return { backlog: 3, oldestUnsentAgeSeconds: 1 };
    });
    await metrics.registry.metrics();
    fail = true;
    expect(await metrics.registry.metrics()).toMatch(/^nrm_outbox_backlog\{service="test"\} 3$/m);
  });
});
