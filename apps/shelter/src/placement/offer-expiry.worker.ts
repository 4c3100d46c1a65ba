import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, Metrics, PeriodicWorker, PlatformLifecycle } from '#shared';
import type { ShelterConfig } from '../config/shelter.config.js';
import { PlacementLifecycleService } from './placement-lifecycle.service.js';
import { PlacementQueryService } from './placement-query.service.js';

/** Most offers released, or facilities served, in one tick; the rest wait for the next tick. */
const BATCH = 100;

/**
 * Every OFFER_SWEEP_INTERVAL_MS: releases holds not admitted within OFFER_TTL_MINUTES and re-offers
 * the victims, then serves the waiting list of any facility that has a free bed and someone waiting
 * who fits (this also closes the window in which a bed is freed while a request is being waitlisted).
 * Safe with several instances: expired offers are taken with FOR UPDATE SKIP LOCKED, and beds are
 * held by an atomic conditional UPDATE. Scheduled by the shared {@link PeriodicWorker} (passes never
 * overlap; a failing pass is logged and retried; stop waits for the pass in flight).
 */
@Injectable()
export class OfferExpiryWorker extends PeriodicWorker implements OnModuleInit {
  readonly name = 'offer-expiry';
  private stopping = false;
  private readonly beds;
  private readonly waiting;
  private readonly oldestWait;

  constructor(
    private readonly lifecycle: PlacementLifecycleService,
    private readonly queries: PlacementQueryService,
    private readonly platform: PlatformLifecycle,
    metrics: Metrics,
    @Inject(CONFIG) private readonly config: ShelterConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(logger, config.OFFER_SWEEP_INTERVAL_MS, config.OFFER_SWEEP_INTERVAL_MS);
    this.beds = metrics.gauge('shelter_beds', 'Beds of active facilities, by state (occupied, held, free)', [
      'state',
    ]);
    this.waiting = metrics.gauge('shelter_waiting_list_length', 'Shelter requests on the waiting list');
    this.oldestWait = metrics.gauge(
      'shelter_waiting_list_oldest_seconds',
      'Time the longest-waiting shelter request has waited',
    );
  }

  onModuleInit(): void {
    this.platform.addWorker(this);
  }

  override start(): void {
    this.stopping = false;
    super.start();
  }

  /** Ends the pass in flight early (between offers and facilities), then waits for it. */
  override async stop(): Promise<void> {
    this.stopping = true;
    await super.stop();
  }

  protected async runOnce(): Promise<number> {
    const r = await this.sweep();
    if (r.expired || r.served) this.logger.info(r, 'offer sweep');
    return this.config.OFFER_SWEEP_INTERVAL_MS;
  }

  /** One pass; returns what it did (exposed for tests and operators). */
  async sweep(now = new Date()): Promise<{ expired: number; served: number }> {
    let expired = 0;
    while (expired < BATCH && !this.stopping && (await this.lifecycle.expireNextOffer(now))) expired++;
    let served = 0;
    for (const facilityId of await this.lifecycle.facilitiesToServe(BATCH)) {
      if (this.stopping) break;
      served += await this.lifecycle.serveFacility(facilityId);
    }
    await this.observe();
    return { expired, served };
  }

  private async observe(): Promise<void> {
    const s = await this.queries.stats();
    this.beds.set({ state: 'occupied' }, s.occupied);
    this.beds.set({ state: 'held' }, s.held);
    this.beds.set({ state: 'free' }, Math.max(0, s.capacity - s.occupied - s.held));
    this.waiting.set(s.waiting);
    this.oldestWait.set(s.oldestWaitSeconds);
  }
}
