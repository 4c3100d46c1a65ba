import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { DisclosureRepository } from '../disclosure/disclosure.repository.js';
import { RecipientsModule } from '../recipients/recipients.module.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryBacklogMetrics } from './delivery-backlog.metrics.js';
import { DeliveryDispatcher } from './delivery-dispatcher.js';
import { DeliveryPlanner } from './delivery-planner.service.js';
import { DeliveryRecorder } from './delivery-recorder.service.js';
import { NotifyOnEventHandler } from './events/notify-on-event.handler.js';
import { WaitingEventsService } from './waiting-events.service.js';

@Module({
  imports: [RecipientsModule, ChannelsModule],
  controllers: [DeliveriesController, NotifyOnEventHandler],
  providers: [
    DeliveriesRepository,
    DisclosureRepository,
    DeliveriesService,
    DeliveryBacklogMetrics,
    DeliveryPlanner,
    DeliveryRecorder,
    DeliveryDispatcher,
    WaitingEventsService,
  ],
})
export class DeliveriesModule {}
