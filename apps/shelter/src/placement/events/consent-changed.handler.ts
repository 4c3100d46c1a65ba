import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, VictimConsentChanged } from '#shared';
import { PlacementLifecycleService } from '../placement-lifecycle.service.js';

/**
 * Consumes `victim.consent.changed`: a withdrawal of consent to shelter placement ends the victim's
 * shelter request. Other purposes are not about placement: enrolments in training record
 * the victim's consent themselves.
 */
@Injectable()
export class ConsentChangedHandler implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly lifecycle: PlacementLifecycleService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(VictimConsentChanged, async (event, tx) => {
      if (event.data.purpose !== 'shelter_placement' || event.data.granted) return;
      await this.lifecycle.onShelterConsentWithdrawn(event.data.victimRef, tx);
    });
  }
}
