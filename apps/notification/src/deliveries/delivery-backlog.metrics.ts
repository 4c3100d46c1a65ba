import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { Logger } from 'pino';
import { LOGGER, Metrics, PlatformLifecycle } from '#shared';
import { DeliveriesRepository } from './deliveries.repository.js';

type Backlog = Awaited<ReturnType<DeliveriesRepository['backlog']>>;

/**
 * Backlog gauges read from Postgres when /metrics is scraped (so they are true across instances):
 * deliveries pending, in flight and waiting for a recipient, how overdue the oldest due one is — the
 * signal that notifications are not keeping up — and how many recipients' circuits are open. One
 * query per scrape, shared by the gauges.
 */
@Injectable()
export class DeliveryBacklogMetrics implements OnModuleInit {
  private last?: { at: number; value: Promise<Backlog | undefined> };

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly metrics: Metrics,
    private readonly lifecycle: PlatformLifecycle,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (this.metrics.registry.getSingleMetric('notification_deliveries_backlog')) return;
    const read = () => this.read();
    const gauge = (name: string, help: string, pick: (b: Backlog) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.metrics.registry],
        collect: async function (this: Gauge) {
          const b = await read();
          if (b) this.set(pick(b));
        },
      });
    new Gauge({
      name: 'notification_deliveries_backlog',
      help: 'Deliveries not yet delivered or given up, by state (pending, sending, waiting)',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      collect: async function (this: Gauge<'state'>) {
        const b = await read();
        if (!b) return;
        this.set({ state: 'pending' }, b.pending);
        this.set({ state: 'sending' }, b.sending);
        this.set({ state: 'waiting' }, b.waiting);
      },
    });
    gauge(
      'notification_deliveries_overdue_seconds',
      'How long the oldest due delivery has been waiting for its attempt',
      (b) => b.overdueSeconds,
    );
    gauge(
      'notification_events_waiting_for_recipient',
      'Events (per organisation) waiting for an active recipient to be registered',
      (b) => b.waiting,
    );
    gauge(
      'notification_recipient_circuits_open',
      'Recipients whose circuit is open after consecutive failures (their deliveries wait)',
      (b) => b.openCircuits,
    );
  }

  /** The backlog, read at most once per scrape (the gauges of one scrape share it). */
  private read(): Promise<Backlog | undefined> {
    const now = Date.now();
    if (this.last && now - this.last.at < 500) return this.last.value;
    const value = (
      this.lifecycle.databaseReady ? this.deliveries.backlog() : Promise.resolve(undefined)
    ).catch((err: unknown) => {
      // A scrape must not fail because the database is briefly away; the gauges keep their last value.
      this.logger.warn({ err: (err as Error).message }, 'could not read the delivery backlog');
      return undefined;
    });
    this.last = { at: now, value };
    return value;
  }
}
