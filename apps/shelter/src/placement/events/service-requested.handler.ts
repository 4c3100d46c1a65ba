import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, ServiceRequested } from '#shared';
import { PlacementService } from '../placement.service.js';

/** Consumes `service.requested`: a victim's own request for shelter leads to a placement. */
@Injectable()
export class ServiceRequestedHandler implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly placement: PlacementService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(ServiceRequested, (event, tx) => this.placement.onServiceRequested(event.data, tx));
  }
}
