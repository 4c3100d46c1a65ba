import {
  Global,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Inject,
  Injectable,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuthGuard } from '../auth/auth.guard.js';
import { JwtVerifier } from '../auth/jwt-verifier.js';
import { migrationDatabaseUrl, type BaseConfig } from '../config/base.config.js';
import { connectWithRetry, createDataSource, type DatabaseDefinition } from '../database/data-source.js';
import { PoolPressure } from '../database/pool-pressure.js';
import { HealthController } from '../health/health.controller.js';
import { MetricsController } from '../health/metrics.controller.js';
import { AmqpConnection } from '../messaging/amqp-connection.js';
import { AmqpEventTransport } from '../messaging/event-transport.js';
import { ParkedMessagesController } from '../messaging/parked-messages.controller.js';
import { RETRY_TIERS, queueNames } from '../messaging/topology.js';
import { Gauge } from 'prom-client';
import { OutboxRelay } from '../messaging/outbox-relay.js';
import type { ConsumerName } from '../messaging/topology.js';
import { UnitOfWork } from '../messaging/unit-of-work.js';
import { Metrics } from '../observability/metrics.js';
import { RateLimitGuard, createRateLimitTable } from '../http/rate-limit.js';
import { PlatformLifecycle } from './lifecycle.js';
import { CONFIG, DATABASE_SCHEMA, LOGGER, SERVICE_NAME } from './tokens.js';

/** The schema owner's data source that runs the migrations (null: the service's own URL migrates). */
const MIGRATOR = Symbol('nrm:migrator');

/** What a service hands the platform. */
export interface PlatformOptions {
  service: ConsumerName;
  config: BaseConfig;
  database: DatabaseDefinition;
  logger: Logger;
}

/**
 * Starts the platform parts in order once the application is wired: database (connect and migrate,
 * retrying while Postgres is down), then the broker connection (declaring the topology), the outbox
 * relay (the event transport starts consuming on the connection), then the service's workers. Stops them in reverse at shutdown, each
 * finishing what it has in flight.
 */
@Injectable()
export class PlatformRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private boot?: Promise<void>;

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(SERVICE_NAME) private readonly service: ConsumerName,
    private readonly dataSource: DataSource,
    private readonly amqp: AmqpConnection,
    private readonly relay: OutboxRelay,
    private readonly transport: AmqpEventTransport,
    private readonly unitOfWork: UnitOfWork,
    private readonly lifecycle: PlatformLifecycle,
    @Inject(MIGRATOR) private readonly migrator: DataSource | null,
    @Inject(DATABASE_SCHEMA) private readonly schema: string,
  ) {}

  onApplicationBootstrap(): void {
    this.unitOfWork.setWaker(this.relay);
    this.boot = this.start();
  }

  /** Resolves when the database is migrated and the broker connection has been attempted. */
  whenStarted(): Promise<void> {
    return this.boot ?? Promise.resolve();
  }

  private async start(): Promise<void> {
    const ok = await connectWithRetry(
      this.dataSource,
      this.service,
      this.logger,
      () => this.lifecycle.shuttingDown,
      this.migrator ?? undefined,
      // Platform tables every service has, whatever its migrations: the shared rate-limit counters.
      (ds) => createRateLimitTable(ds, this.schema),
    );
    if (!ok) return;
    this.lifecycle.markDatabaseReady();
    this.relay.start();
    await this.amqp.start();
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.lifecycle.markShuttingDown();
    this.logger.info({ signal }, 'shutting down: finishing in-flight work');
    await this.boot?.catch(() => undefined);
    // Nest closes the transport first (app.close disposes microservices before shutdown hooks); this
    // is a no-op then, and covers an app whose transport was never connected.
    await this.transport.close();
    await this.lifecycle.stopWorkers();
    await this.relay.stop();
    await this.amqp.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
    this.logger.info('shutdown complete');
  }
}

/** Wires config, logger, metrics, database, messaging, auth, health and metrics endpoints for a service. */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { service, config, database, logger } = options;
    const metrics = new Metrics(service);
    const dataSource = createDataSource(
      config.DATABASE_URL,
      database,
      config.DATABASE_POOL_SIZE,
      `nrm-${service}`,
      config.DATABASE_POOL_WAIT_MS,
    );
    // Migrations run as the schema's owner; the service itself connects as its runtime role (no DDL).
    const migrationUrl = migrationDatabaseUrl(config);
    const migrator =
      migrationUrl === config.DATABASE_URL
        ? null
        : createDataSource(migrationUrl, database, 2, `nrm-${service}-migrations`);
    const poolPressure = new PoolPressure(dataSource);
    const amqp = new AmqpConnection({ url: config.AMQP_URL, service, logger });
    const unitOfWork = new UnitOfWork(dataSource, database.schema, service);
    const relay = new OutboxRelay({
      databaseUrl: config.DATABASE_URL,
      schema: database.schema,
      amqp,
      logger,
      metrics,
      pollMs: config.OUTBOX_POLL_MS,
    });
    // Parked messages of this service, read from the broker at each scrape (alert when above 0).
    new Gauge({
      name: 'nrm_parked_messages',
      help: 'Messages parked in this service’s dead-letter queue (<service>.events.dlq), at scrape time',
      registers: [metrics.registry],
      async collect() {
        if (!amqp.connected) return;
        const { dlq } = queueNames(service, RETRY_TIERS);
        const depth = await amqp
          .withChannel(async (ch) => (await ch.checkQueue(dlq)).messageCount)
          .catch(() => undefined);
        if (depth !== undefined) this.set(depth);
      },
    });
    const transport = new AmqpEventTransport({
      consumer: service,
      amqp,
      dataSource,
      unitOfWork,
      schema: database.schema,
      logger,
      metrics,
      prefetch: config.AMQP_PREFETCH,
      drainTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      holdMaxMs: config.AMQP_HOLD_MAX_MS,
      retry: {
        baseDelayMs: config.AMQP_RETRY_DELAY_MS,
        maxDelayMs: config.AMQP_RETRY_MAX_DELAY_MS,
        horizonMs: config.AMQP_RETRY_HORIZON_MS,
        maxAttempts: config.AMQP_MAX_ATTEMPTS,
      },
    });
    const verifier = new JwtVerifier({
      publicKeyPem: config.JWT_PUBLIC_KEY,
      jwksUrl: config.JWT_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_SECONDS,
      cacheMaxMs: config.JWT_CACHE_MAX_SECONDS * 1000,
    });
    const lifecycle = new PlatformLifecycle(logger);
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController, ParkedMessagesController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: SERVICE_NAME, useValue: service },
        { provide: DATABASE_SCHEMA, useValue: database.schema },
        { provide: Metrics, useValue: metrics },
        { provide: DataSource, useValue: dataSource },
        { provide: MIGRATOR, useValue: migrator },
        { provide: PoolPressure, useValue: poolPressure },
        { provide: AmqpConnection, useValue: amqp },
        { provide: UnitOfWork, useValue: unitOfWork },
        { provide: OutboxRelay, useValue: relay },
        { provide: AmqpEventTransport, useValue: transport },
        { provide: JwtVerifier, useValue: verifier },
        { provide: PlatformLifecycle, useValue: lifecycle },
        { provide: APP_GUARD, useClass: AuthGuard },
        RateLimitGuard,
        PlatformRunner,
      ],
      exports: [
        RateLimitGuard,
        CONFIG,
        LOGGER,
        SERVICE_NAME,
        DATABASE_SCHEMA,
        Metrics,
        DataSource,
        PoolPressure,
        AmqpConnection,
        UnitOfWork,
        OutboxRelay,
        AmqpEventTransport,
        PlatformLifecycle,
        PlatformRunner,
      ],
    };
  }
}
