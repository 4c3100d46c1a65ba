import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, ShelterAdmissionRequested } from '#shared';
import { VictimsRepository } from '../victims.repository.js';

/**
 * A facility was asked to admit a victim: from now its staff may read the identity data admission
 * needs (audited like every read, R-1.3.2).
 */
@Injectable()
export class ShelterAdmissionRequestedHandler implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly victims: VictimsRepository,
  ) {}

  onModuleInit(): void {
    this.consumer.on(ShelterAdmissionRequested, (event, tx) =>
      this.victims.grantFacility(tx.em, event.data.victimRef, event.data.facilityCode, event.data.placementId),
    );
  }
}
