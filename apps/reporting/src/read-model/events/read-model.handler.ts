import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import {
  ClaimChanged,
  EventContext,
  PayoutFailed,
  PayoutSettled,
  ReferralDeadlineBreached,
  ReferralHandedOver,
  ReferralReportedV2Contract,
  ServiceRequestAccepted,
  ServiceRequestCompleted,
  ServiceRequestDeclined,
  ServiceRequested,
  ShelterAdmissionRequested,
  ShelterAdmitted,
  ShelterDeclined,
  ShelterDischarged,
  ShelterPlanChanged,
  ShelterTrainingChanged,
  ShelterWaitlisted,
  VictimIdentified,
  VictimReturnChanged,
  VictimSafetyChanged,
  type ClaimChangedV1,
  type PayoutFailedV1,
  type PayoutSettledV1,
  type ReferralDeadlineBreachedV1,
  type ReferralHandedOverV1,
  type ServiceRequestAcceptedV1,
  type ServiceRequestCompletedV1,
  type ServiceRequestDeclinedV1,
  type ServiceRequestedV1,
  type ShelterAdmissionRequestedV1,
  type ShelterAdmittedV1,
  type ShelterDeclinedV1,
  type ShelterDischargedV1,
  type ShelterPlanChangedV1,
  type ShelterTrainingChangedV1,
  type ShelterWaitlistedV1,
  type VictimIdentifiedV1,
  type VictimReturnChangedV1,
  type VictimSafetyChangedV1,
} from '#shared';
import { ReadModelService, type ReferralReportedAnyVersion } from '../read-model.service.js';

/**
 * What the reporting service consumes: every handler is one call into {@link ReadModelService}, in the
 * transaction that also records the event in the inbox (a redelivered event has no second effect).
 * `referral.reported` arrives as version 1 or 2 (same routing key): both are handled here.
 */
@Controller()
export class ReadModelHandler {
  constructor(private readonly model: ReadModelService) {}

  @EventPattern<string>(ReferralReportedV2Contract.type)
  async referralReported(@Ctx() ctx: EventContext<ReferralReportedAnyVersion>): Promise<void> {
    await this.model.referralReported(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(VictimIdentified.type)
  async victimIdentified(@Ctx() ctx: EventContext<VictimIdentifiedV1>): Promise<void> {
    await this.model.victimIdentified(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ReferralHandedOver.type)
  async handedOver(@Ctx() ctx: EventContext<ReferralHandedOverV1>): Promise<void> {
    await this.model.handedOver(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ReferralDeadlineBreached.type)
  async deadlineBreached(@Ctx() ctx: EventContext<ReferralDeadlineBreachedV1>): Promise<void> {
    await this.model.deadlineBreached(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ServiceRequested.type)
  async serviceRequested(@Ctx() ctx: EventContext<ServiceRequestedV1>): Promise<void> {
    await this.model.serviceRequested(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ServiceRequestAccepted.type)
  async serviceAccepted(@Ctx() ctx: EventContext<ServiceRequestAcceptedV1>): Promise<void> {
    await this.model.serviceAnswered(ctx.envelope, 'accepted', ctx.tx.em);
  }

  @EventPattern<string>(ServiceRequestDeclined.type)
  async serviceDeclined(@Ctx() ctx: EventContext<ServiceRequestDeclinedV1>): Promise<void> {
    await this.model.serviceAnswered(ctx.envelope, 'declined', ctx.tx.em);
  }

  @EventPattern<string>(ServiceRequestCompleted.type)
  async serviceCompleted(@Ctx() ctx: EventContext<ServiceRequestCompletedV1>): Promise<void> {
    await this.model.serviceAnswered(ctx.envelope, 'completed', ctx.tx.em);
  }

  @EventPattern<string>(VictimSafetyChanged.type)
  async safetyChanged(@Ctx() ctx: EventContext<VictimSafetyChangedV1>): Promise<void> {
    await this.model.safetyChanged(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(VictimReturnChanged.type)
  async returnChanged(@Ctx() ctx: EventContext<VictimReturnChangedV1>): Promise<void> {
    await this.model.returnChanged(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ShelterAdmissionRequested.type)
  async admissionRequested(@Ctx() ctx: EventContext<ShelterAdmissionRequestedV1>): Promise<void> {
    await this.model.admissionRequested(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ShelterWaitlisted.type)
  async waitlisted(@Ctx() ctx: EventContext<ShelterWaitlistedV1>): Promise<void> {
    await this.model.waitlisted(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ShelterAdmitted.type)
  async admitted(@Ctx() ctx: EventContext<ShelterAdmittedV1>): Promise<void> {
    await this.model.placement(ctx.envelope, 'admitted', ctx.tx.em);
  }

  @EventPattern<string>(ShelterDischarged.type)
  async discharged(@Ctx() ctx: EventContext<ShelterDischargedV1>): Promise<void> {
    await this.model.placement(ctx.envelope, 'discharged', ctx.tx.em);
  }

  @EventPattern<string>(ShelterDeclined.type)
  async declined(@Ctx() ctx: EventContext<ShelterDeclinedV1>): Promise<void> {
    await this.model.placement(ctx.envelope, 'declined', ctx.tx.em);
  }

  @EventPattern<string>(PayoutSettled.type)
  async payoutSettled(@Ctx() ctx: EventContext<PayoutSettledV1>): Promise<void> {
    await this.model.payout(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(PayoutFailed.type)
  async payoutFailed(@Ctx() ctx: EventContext<PayoutFailedV1>): Promise<void> {
    await this.model.payout(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ShelterPlanChanged.type)
  async planChanged(@Ctx() ctx: EventContext<ShelterPlanChangedV1>): Promise<void> {
    await this.model.planChanged(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ShelterTrainingChanged.type)
  async trainingChanged(@Ctx() ctx: EventContext<ShelterTrainingChangedV1>): Promise<void> {
    await this.model.trainingChanged(ctx.envelope, ctx.tx.em);
  }

  @EventPattern<string>(ClaimChanged.type)
  async claimChanged(@Ctx() ctx: EventContext<ClaimChangedV1>): Promise<void> {
    await this.model.claimChanged(ctx.envelope, ctx.tx.em);
  }
}
