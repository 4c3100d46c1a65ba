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
 * discharged. Every read is still audited. The events may arrive out of order (retries, redeliveries):
 * each one is applied only if it is newer than what is known for that placement (its `occurredAt`,
 * then its id).
 */
@Controller()
export class FacilityAccessHandler {
  constructor(private readonly victims: VictimsRepository) {}

  @EventPattern<string>(ShelterAdmissionRequested.type)
  async onAdmissionRequested(
    @Payload() data: ShelterAdmissionRequestedV1,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.apply(data, true, ctx);
  }

  @EventPattern<string>(ShelterDeclined.type)
  async onDeclined(@Payload() data: ShelterDeclinedV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.apply(data, false, ctx);
  }

  @EventPattern<string>(ShelterDischarged.type)
  async onDischarged(@Payload() data: ShelterDischargedV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.apply(data, false, ctx);
  }

  private async apply(
    data: { victimRef: string; facilityCode: string; placementId: string },
    active: boolean,
    ctx: EventContext,
  ): Promise<void> {
    await this.victims.applyFacilityAccess(ctx.tx.em, {
      victimRef: data.victimRef,
      facilityCode: data.facilityCode,
      placementId: data.placementId,
      active,
      eventAt: new Date(ctx.envelope.occurredAt),
      eventId: ctx.envelope.id,
    });
  }
}
