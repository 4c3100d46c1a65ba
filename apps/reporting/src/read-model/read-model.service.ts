import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ClaimChangedV1,
  Envelope,
  PayoutFailedV1,
  PayoutSettledV1,
  ReferralDeadlineBreachedV1,
  ReferralHandedOverV1,
  ReferralReportedV1,
  ReferralReportedV2,
  ServiceRequestAcceptedV1,
  ServiceRequestCompletedV1,
  ServiceRequestDeclinedV1,
  ServiceRequestedV1,
  ShelterAdmissionRequestedV1,
  ShelterAdmittedV1,
  ShelterDeclinedV1,
  ShelterDischargedV1,
  ShelterPlanChangedV1,
  ShelterTrainingChangedV1,
  ShelterWaitlistedV1,
  VictimIdentifiedV1,
  VictimReturnChangedV1,
  VictimSafetyChangedV1,
} from '#shared';
import { ReadModelRepository } from './read-model.repository.js';

/** `referral.reported` as either version: v1 lacks the categories v2 adds. */
export type ReferralReportedAnyVersion = ReferralReportedV1 &
  Partial<Pick<ReferralReportedV2, 'exploitation' | 'citizenship' | 'reportingBodyKind'>>;

/**
 * Turns events into facts of the read model. Only categories are kept: the victimRef (a pseudonym),
 * sex, age, region, codes and moments needed for durations. Case numbers, officer ids and facility
 * codes are never stored. Each method is idempotent and order-tolerant (see the repository).
 */
@Injectable()
export class ReadModelService {
  constructor(private readonly repository: ReadModelRepository) {}

  async referralReported(e: Envelope<ReferralReportedAnyVersion>, em: EntityManager): Promise<void> {
    const d = e.data;
    await this.repository.reported(
      em,
      {
        victimRef: d.victimRef,
        referralId: d.referralId,
        kind: d.kind,
        identifiedAt: new Date(d.identifiedAt),
        sex: d.profile.sex,
        ageBand: d.profile.ageBand,
        age: d.profile.age ?? null,
        child: d.profile.child,
        region: d.region,
        reportingOrg: d.reportingOrg,
        citizenship: d.citizenship ?? null,
        exploitation: d.exploitation ?? null,
        reportingBodyKind: d.reportingBodyKind ?? null,
      },
      new Date(e.occurredAt),
    );
  }

  async victimIdentified(e: Envelope<VictimIdentifiedV1>, em: EntityManager): Promise<void> {
    await this.repository.identified(em, e.data.victimRef, e.data.outcome, new Date(e.occurredAt));
  }

  async handedOver(e: Envelope<ReferralHandedOverV1>, em: EntityManager): Promise<void> {
    const d = e.data;
    await this.repository.handedOver(
      em,
      d.victimRef,
      new Date(d.handedOverAt),
      d.late,
      new Date(e.occurredAt),
    );
  }

  async deadlineBreached(e: Envelope<ReferralDeadlineBreachedV1>, em: EntityManager): Promise<void> {
    await this.repository.deadlineBreached(em, e.data.victimRef);
  }

  async serviceRequested(e: Envelope<ServiceRequestedV1>, em: EntityManager): Promise<void> {
    const d = e.data;
    await this.repository.serviceRequested(
      em,
      {
        requestId: d.requestId,
        victimRef: d.victimRef,
        service: d.service,
        requestedAt: new Date(d.requestedAt),
      },
      new Date(e.occurredAt),
    );
  }

  /** The provider's answer: accepted, declined or completed (the latest by its time wins). */
  async serviceAnswered(
    e: Envelope<ServiceRequestAcceptedV1 | ServiceRequestDeclinedV1 | ServiceRequestCompletedV1>,
    status: 'accepted' | 'declined' | 'completed',
    em: EntityManager,
  ): Promise<void> {
    const d = e.data;
    await this.repository.serviceStatus(em, d, status, new Date(d.at));
  }

  async safetyChanged(e: Envelope<VictimSafetyChangedV1>, em: EntityManager): Promise<void> {
    await this.repository.safety(em, e.data.victimRef, e.data.riskLevel, new Date(e.data.assessedAt));
  }

  async returnChanged(e: Envelope<VictimReturnChangedV1>, em: EntityManager): Promise<void> {
    await this.repository.returnStatus(em, e.data.victimRef, e.data.status, new Date(e.data.at));
  }

  /** A bed is held for a shelter request: the shelter service accepted it. */
  async admissionRequested(e: Envelope<ShelterAdmissionRequestedV1>, em: EntityManager): Promise<void> {
    const d = e.data;
    await this.repository.serviceStatus(
      em,
      { requestId: d.requestId, victimRef: d.victimRef, service: 'shelter' },
      'accepted',
      new Date(e.occurredAt),
    );
  }

  async waitlisted(e: Envelope<ShelterWaitlistedV1>, em: EntityManager): Promise<void> {
    const d = e.data;
    await this.repository.serviceStatus(
      em,
      { requestId: d.requestId, victimRef: d.victimRef, service: 'shelter' },
      'waitlisted',
      new Date(e.occurredAt),
      d.reason,
    );
  }

  async placement(
    e: Envelope<ShelterAdmittedV1 | ShelterDischargedV1 | ShelterDeclinedV1>,
    step: 'admitted' | 'discharged' | 'declined',
    em: EntityManager,
  ): Promise<void> {
    const d = e.data;
    const reason = 'reason' in d ? d.reason : undefined;
    await this.repository.placement(em, d, step, new Date(d.at), reason);
  }

  /** Settled, disbursed, failed or returned: the payout's latest state by the time of its event. */
  async payout(e: Envelope<PayoutSettledV1 | PayoutFailedV1>, em: EntityManager): Promise<void> {
    await this.repository.payout(em, e.data, e.data.outcome, new Date(e.occurredAt));
  }

  /** A plan's measures: domain and status of each, never its goal or actions (none are carried). */
  async planChanged(e: Envelope<ShelterPlanChangedV1>, em: EntityManager): Promise<void> {
    const d = e.data;
    await this.repository.plan(em, {
      planId: d.planId,
      victimRef: d.victimRef,
      version: d.version,
      status: d.status,
      measures: d.measures.map((m) => ({ domain: m.domain, status: m.status })),
    });
  }

  async trainingChanged(e: Envelope<ShelterTrainingChangedV1>, em: EntityManager): Promise<void> {
    const d = e.data;
    await this.repository.enrolment(em, d, new Date(d.at));
  }

  /** A claim's sums awarded and recovered; what the Fund paid comes from the payout events. */
  async claimChanged(e: Envelope<ClaimChangedV1>, em: EntityManager): Promise<void> {
    await this.repository.claim(em, e.data);
  }
}
