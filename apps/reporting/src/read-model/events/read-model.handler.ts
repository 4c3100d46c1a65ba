import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  EventConsumer,
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
  ShelterWaitlisted,
  VictimIdentified,
  VictimReturnChanged,
  VictimSafetyChanged,
} from '#shared';
import { ReadModelService } from '../read-model.service.js';

/**
 * What the reporting service consumes: every handler is one call into {@link ReadModelService}, in the
 * transaction that also records the event in the inbox (a redelivered event has no second effect).
 * `referral.reported` arrives as version 1 or 2 (same routing key): both are handled here.
 */
@Injectable()
export class ReadModelHandler implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly model: ReadModelService,
  ) {}

  onModuleInit(): void {
    this.consumer
      .on(ReferralReportedV2Contract, (e, tx) => this.model.referralReported(e, tx.em))
      .on(VictimIdentified, (e, tx) => this.model.victimIdentified(e, tx.em))
      .on(ReferralHandedOver, (e, tx) => this.model.handedOver(e, tx.em))
      .on(ReferralDeadlineBreached, (e, tx) => this.model.deadlineBreached(e, tx.em))
      .on(ServiceRequested, (e, tx) => this.model.serviceRequested(e, tx.em))
      .on(ServiceRequestAccepted, (e, tx) => this.model.serviceAnswered(e, 'accepted', tx.em))
      .on(ServiceRequestDeclined, (e, tx) => this.model.serviceAnswered(e, 'declined', tx.em))
      .on(ServiceRequestCompleted, (e, tx) => this.model.serviceAnswered(e, 'completed', tx.em))
      .on(VictimSafetyChanged, (e, tx) => this.model.safetyChanged(e, tx.em))
      .on(VictimReturnChanged, (e, tx) => this.model.returnChanged(e, tx.em))
      .on(ShelterAdmissionRequested, (e, tx) => this.model.admissionRequested(e, tx.em))
      .on(ShelterWaitlisted, (e, tx) => this.model.waitlisted(e, tx.em))
      .on(ShelterAdmitted, (e, tx) => this.model.placement(e, 'admitted', tx.em))
      .on(ShelterDischarged, (e, tx) => this.model.placement(e, 'discharged', tx.em))
      .on(ShelterDeclined, (e, tx) => this.model.placement(e, 'declined', tx.em))
      .on(PayoutSettled, (e, tx) => this.model.payout(e, tx.em))
      .on(PayoutFailed, (e, tx) => this.model.payout(e, tx.em));
  }
}
