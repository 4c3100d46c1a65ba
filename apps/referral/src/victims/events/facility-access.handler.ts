import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EventContext,
  ShelterAdmissionRequested,
  ShelterAdmissionRequestedV1,
  ShelterDeclined,
  ShelterDeclinedV1,
  ShelterDischarged,
  ShelterDischargedV1,
} from '#shared';
import { VictimsRepository } from '../victims.repository.js';

/**
 * Which facility's staff may read a victim's identity: a facility asked to admit the
 * victim may, from `shelter.admission.requested` until the placement is declined or the victim is
 * discharged. Every read is still audited.
 */
@Controller()
export class FacilityAccessHandler {
  constructor(private readonly victims: VictimsRepository) {}

  @EventPattern<string>(ShelterAdmissionRequested.type)
  async onAdmissionRequested(
    @Payload() data: ShelterAdmissionRequestedV1,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.victims.grantFacility(ctx.tx.em, data.victimRef, data.facilityCode, data.placementId);
  }

  @EventPattern<string>(ShelterDeclined.type)
  async onDeclined(@Payload() data: ShelterDeclinedV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.victims.revokeFacility(ctx.tx.em, data.victimRef, data.facilityCode, data.placementId);
  }

  @EventPattern<string>(ShelterDischarged.type)
  async onDischarged(@Payload() data: ShelterDischargedV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.victims.revokeFacility(ctx.tx.em, data.victimRef, data.facilityCode, data.placementId);
  }
}
