import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventContext, VictimConsentChanged, VictimConsentChangedV1 } from '#shared';
import { PlacementLifecycleService } from '../placement/placement-lifecycle.service.js';
import { PlansService } from '../plans/plans.service.js';
import { TrainingService } from '../training/training.service.js';
import { VictimConsentsRepository } from './victim-consents.repository.js';

/**
 * Consumes `victim.consent.changed` (R-6.5: no rehabilitation measure against the victim's will).
 * A withdrawal of consent to shelter placement ends the victim's shelter request; a withdrawal of
 * consent to rehabilitation stops the measures of their plans and takes them out of training
 * programmes. A grant changes nothing here: new measures need the victim's agreement item by item.
 * Only the decision in force has effects: a withdrawal that arrives after a newer consent (a retry,
 * a redelivery) is recorded as history of nothing and ends nothing.
 */
@Controller()
export class ConsentChangedHandler {
  constructor(
    private readonly placements: PlacementLifecycleService,
    private readonly plans: PlansService,
    private readonly training: TrainingService,
    private readonly consents: VictimConsentsRepository,
  ) {}

  @EventPattern<string>(VictimConsentChanged.type)
  async onConsentChanged(@Payload() data: VictimConsentChangedV1, @Ctx() ctx: EventContext): Promise<void> {
    const { tx } = ctx;
    const { victimRef, purpose, granted, recordedAt } = data;
    const inForce = await this.consents.record(tx.em, {
      victimRef,
      purpose,
      granted,
      recordedAt: new Date(recordedAt),
      eventId: ctx.envelope.id,
    });
    // @clause a late, older withdrawal does not undo the consent the victim gave since
    if (!inForce || granted) return;
    if (purpose === 'shelter_placement') {
      await this.placements.onShelterConsentWithdrawn(victimRef, tx);
    } else if (purpose === 'rehabilitation') {
      await this.plans.onRehabilitationConsentWithdrawn(victimRef, tx);
      await this.training.onRehabilitationConsentWithdrawn(victimRef, tx);
    }
  }
}
