import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CONFIG, LOGGER, PeriodicWorker, PlatformLifecycle } from '#shared';
import type { NotificationConfig } from '../config/notification.config.js';
import { RecipientsService, type RecipientLifecycleListener } from '../recipients/recipients.service.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryPlanner } from './delivery-planner.service.js';

/**
 * Events waiting for a recipient, and recipients that come and go:
 * - a recipient registered or reactivated gets, at once, the events still waiting for its organisation;
 * - a deactivated recipient's undelivered deliveries are cancelled in the same transaction;
 * - every NOTIFY_WAITING_SWEEP_MS, waiting events whose time ran out are closed (`expired`) and any
 *   still waiting while their organisation has a recipient (another instance registered it, or the
 *   immediate planning failed) are planned. Safe with several instances (rows are taken with
 *   `SKIP LOCKED` and removed in the planning transaction).
 */
@Injectable()
export class WaitingEventsService extends PeriodicWorker implements OnModuleInit, RecipientLifecycleListener {
  readonly name = 'waiting-events';

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly planner: DeliveryPlanner,
    private readonly recipients: RecipientsService,
    private readonly lifecycle: PlatformLifecycle,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(logger, 0, config.NOTIFY_WAITING_SWEEP_MS);
  }

  onModuleInit(): void {
    this.recipients.addListener(this);
    this.lifecycle.addWorker(this);
  }

  async deactivated(em: EntityManager, recipientId: string): Promise<void> {
    const cancelled = await this.deliveries.cancelForRecipient(em, recipientId);
    if (cancelled > 0)
      this.workerLogger.info({ recipientId, cancelled }, 'deliveries of a deactivated recipient cancelled');
  }

  async activated(org: string): Promise<void> {
    await this.planner.releaseWaiting(org);
  }

  protected async runOnce(): Promise<number> {
    const expired = await this.deliveries.expireWaiting();
    if (expired > 0) this.workerLogger.warn({ expired }, 'events expired while waiting for a recipient');
    await this.planner.releaseWaiting();
    return this.config.NOTIFY_WAITING_SWEEP_MS;
  }
}
