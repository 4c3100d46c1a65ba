import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { ConsentChangedHandler } from './events/consent-changed.handler.js';
import { ServiceRequestedHandler } from './events/service-requested.handler.js';
import { OfferExpiryWorker } from './offer-expiry.worker.js';
import { PlacementLifecycleService } from './placement-lifecycle.service.js';
import { PlacementRepository } from './placement.repository.js';
import { PlacementService } from './placement.service.js';
import { PlacementsController } from './placements.controller.js';

@Module({
  imports: [FacilitiesModule],
  controllers: [PlacementsController],
  providers: [
    PlacementRepository,
    PlacementService,
    PlacementLifecycleService,
    ServiceRequestedHandler,
    ConsentChangedHandler,
    OfferExpiryWorker,
  ],
})
export class PlacementModule {}
