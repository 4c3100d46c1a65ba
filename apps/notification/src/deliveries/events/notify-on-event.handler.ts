import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { EventContext, SUBSCRIPTIONS } from '#shared';
import { DeliveryPlanner } from '../delivery-planner.service.js';

/**
 * Consumes every event the notification service is subscribed to (SUBSCRIPTIONS.notification) with
 * one handler: each is validated by the transport against its contract, then planned into
 * deliveries in the inbox transaction.
 */
@Controller()
export class NotifyOnEventHandler {
  constructor(private readonly planner: DeliveryPlanner) {}

  @EventPattern([...SUBSCRIPTIONS.notification])
  async onEvent(@Ctx() ctx: EventContext): Promise<void> {
    await this.planner.plan(ctx.envelope, ctx.tx);
  }
}
