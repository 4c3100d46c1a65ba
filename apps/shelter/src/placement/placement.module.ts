import { Module } from '@nestjs/common';
import { ConsentViewModule } from '../consent/consent-view.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { ServiceRequestedHandler } from './events/service-requested.handler.js';
import { OfferExpiryWorker } from './offer-expiry.worker.js';
import { PlacementLifecycleService } from './placement-lifecycle.service.js';
import { PlacementQueryRepository } from './placement-query.repository.js';
import { PlacementQueryService } from './placement-query.service.js';
import { WaitingListController } from './waiting-list.controller.js';
import { PlacementRepository } from './placement.repository.js';
import { PlacementService } from './placement.service.js';
import { PlacementsController } from './placements.controller.js';

@Module({
  imports: [FacilitiesModule, ConsentViewModule],
  controllers: [PlacementsController, WaitingListController, ServiceRequestedHandler],
  providers: [
    PlacementQueryRepository,
    PlacementQueryService,

    PlacementRepository,
    PlacementService,
    PlacementLifecycleService,
    OfferExpiryWorker,
  ],
  exports: [PlacementLifecycleService],
})
export class PlacementModule {}
