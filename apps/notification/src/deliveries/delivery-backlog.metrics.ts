import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { Logger } from 'pino';
import { LOGGER, Metrics, PlatformLifecycle } from '#shared';
import { DeliveriesRepository } from './deliveries.repository.js';

/**
 * Backlog gauges read from Postgres when /metrics is scraped (so they are true across instances):
 * deliveries pending and in flight, and how overdue the oldest due one is — the signal that
 * notifications are not keeping up.
 */
@Injectable()
export class DeliveryBacklogMetrics implements OnModuleInit {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly metrics: Metrics,
    private readonly lifecycle: PlatformLifecycle,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (this.metrics.registry.getSingleMetric('notification_deliveries_backlog')) return;
    const overdue = new Gauge({
      name: 'notification_deliveries_overdue_seconds',
      help: 'How long the oldest due delivery has been waiting for its attempt',
      registers: [this.metrics.registry],
    });
    const logger = this.logger;
    const read = async () => (this.lifecycle.databaseReady ? this.deliveries.backlog() : undefined);
    new Gauge({
      name: 'notification_deliveries_backlog',
      help: 'Deliveries not yet delivered or given up, by state (pending, sending)',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      collect: async function (this: Gauge<'state'>) {
        try {
          const b = await read();
          if (!b) return;
          this.set({ state: 'pending' }, b.pending);
          this.set({ state: 'sending' }, b.sending);
          overdue.set(b.overdueSeconds);
        } catch (err) {
          // A scrape must not fail because the database is briefly away; the gauges keep their last value.
          logger.warn({ err: (err as Error).message }, 'could not read the delivery backlog');
        }
      },
    });
  }
}
