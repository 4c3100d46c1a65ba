import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.js';
import { PoolPressure } from '../database/pool-pressure.js';
import { AmqpConnection } from '../messaging/amqp-connection.js';
import { Metrics, type OutboxState } from '../observability/metrics.js';
import { PlatformLifecycle } from '../platform/lifecycle.js';

/** Oldest unsent outbox row older than this makes the service not ready (events are not flowing). */
export const OUTBOX_MAX_LAG_SECONDS = 60;

/** A probe's own query gives up before the check's timeout (2 s), so a saturated pool is told apart. */
const PROBE_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Liveness has no dependency checks (a restart cures nothing that Postgres being down causes);
 * readiness checks Postgres, the broker connection and outbox lag, each raced against a timeout.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly amqp: AmqpConnection,
    private readonly lifecycle: PlatformLifecycle,
    private readonly pressure: PoolPressure,
    metrics: Metrics,
  ) {
    // The outbox gauges are read at scrape time, not only when something probes readiness.
    metrics.setOutboxProbe(async () =>
      this.dataSource.isInitialized ? withTimeout(this.outboxState(), 2000) : undefined,
    );
  }

  private async outboxState(): Promise<OutboxState> {
    const schema = (this.dataSource.options as { schema?: string }).schema ?? 'public';
    const rows: { backlog: string; age: number | null }[] = await this.dataSource.query(
      `SELECT count(*) AS backlog, EXTRACT(EPOCH FROM now() - min(created_at))::float AS age
         FROM "${schema}".outbox WHERE published_at IS NULL`,
    );
    return { backlog: Number(rows[0]?.backlog ?? 0), oldestUnsentAgeSeconds: rows[0]?.age ?? 0 };
  }

  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([
      () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () =>
        this.indicators
          .check('postgres')
          .attempt(async () => {
            if (!this.lifecycle.databaseReady || !this.dataSource.isInitialized)
              throw new Error('not connected or not migrated');
            // Load alone never makes the service "not ready": a pool whose connections are all busy
            // but keep coming back clean is saturated, and the probe adds nothing to its queue.
            if (this.pressure.saturated() && this.pressure.busyButHealthy()) return { saturated: true };
            try {
              await withTimeout(this.dataSource.query('SELECT 1'), PROBE_MS);
            } catch (err) {
              if (this.pressure.busyButHealthy()) return { saturated: true };
              throw err;
            }
          })
          .withTimeout(2000),
      () => {
        const check = this.indicators.check('rabbitmq');
        return this.amqp.connected ? check.up() : check.down({ message: 'not connected' });
      },
      () =>
        this.indicators
          .check('outbox')
          .attempt(async () => {
            if (!this.dataSource.isInitialized) throw new Error('database not connected');
            if (this.pressure.saturated() && this.pressure.busyButHealthy()) return { saturated: true };
            let state: OutboxState;
            try {
              state = await withTimeout(this.outboxState(), PROBE_MS);
            } catch (err) {
              if (this.pressure.busyButHealthy()) return { saturated: true };
              throw err;
            }
            const { backlog, oldestUnsentAgeSeconds: age } = state;
            if (age > OUTBOX_MAX_LAG_SECONDS)
              throw new Error(`oldest unsent event is ${Math.round(age)} s old`);
            return { backlog, oldestUnsentAgeSeconds: Math.round(age * 1000) / 1000 };
          })
          .withTimeout(2000),
    ]);
  }
}
