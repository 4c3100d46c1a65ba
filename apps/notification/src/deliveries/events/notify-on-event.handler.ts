import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, SUBSCRIPTIONS, findContract } from '#shared';
import { DeliveryPlanner } from '../delivery-planner.service.js';

/**
 * Consumes every event the notification service is subscribed to (SUBSCRIPTIONS.notification) with
 * one router: each is validated by the platform against its contract, then planned into deliveries
 * in the inbox transaction.
 */
@Injectable()
export class NotifyOnEventHandler implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly planner: DeliveryPlanner,
  ) {}

  onModuleInit(): void {
    for (const type of SUBSCRIPTIONS.notification) {
      const contract = findContract(type, 1);
      if (!contract) throw new Error(`no v1 contract for subscribed event ${type}`);
      this.consumer.on(contract, async (event, tx) => {
        await this.planner.plan(event, tx);
      });
    }
  }
}
