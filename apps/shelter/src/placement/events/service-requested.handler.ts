import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventContext, ServiceRequested, ServiceRequestedV1 } from '#shared';
import { PlacementService } from '../placement.service.js';

/** Consumes `service.requested`: a victim's own request for shelter leads to a placement. */
@Controller()
export class ServiceRequestedHandler {
  constructor(private readonly placement: PlacementService) {}

  @EventPattern<string>(ServiceRequested.type)
  async onServiceRequested(@Payload() data: ServiceRequestedV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.placement.onServiceRequested(data, ctx.tx);
  }
}
