import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, ShelterAdmissionRequested, ShelterDeclined, ShelterDischarged } from '#shared';
import { VictimsRepository } from '../victims.repository.js';

/**
 * Which facility's staff may read a victim's identity: a facility asked to admit the
 * victim may, from `shelter.admission.requested` until the placement is declined or the victim is
 * discharged. Every read is still audited.
 */
@Injectable()
export class FacilityAccessHandler implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly victims: VictimsRepository,
  ) {}

  onModuleInit(): void {
    this.consumer
      .on(ShelterAdmissionRequested, (event, tx) =>
        this.victims.grantFacility(
          tx.em,
          event.data.victimRef,
          event.data.facilityCode,
          event.data.placementId,
        ),
      )
      .on(ShelterDeclined, (event, tx) =>
        this.victims.revokeFacility(
          tx.em,
          event.data.victimRef,
          event.data.facilityCode,
          event.data.placementId,
        ),
      )
      .on(ShelterDischarged, (event, tx) =>
        this.victims.revokeFacility(
          tx.em,
          event.data.victimRef,
          event.data.facilityCode,
          event.data.placementId,
        ),
      );
  }
}
