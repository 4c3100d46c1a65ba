import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceDeclineReason, ServiceKind, ServiceRequestStatus } from '#shared';

/**
 * A service the victim asked for, with the consent record that allowed it,
 * addressed to the body that provides it, and its answer.
 */
@Entity({ name: 'service_requests', schema: 'referral' })
export class ServiceRequest {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'victim_id', type: 'uuid' }) victimId!: string;
  @Column({ name: 'referral_id', type: 'uuid' }) referralId!: string;
  @Column({ type: 'text' }) service!: ServiceKind;
  @Column({ name: 'consent_id', type: 'uuid' }) consentId!: string;
  @Column({ type: 'text' }) region!: string;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: string;
  @Column({ name: 'requested_by_org', type: 'text' }) requestedByOrg!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  /** The providing body (its staff's `org`); null for shelter (the shelter service chooses the facility). */
  @Column({ name: 'provider_org', type: 'text', nullable: true }) providerOrg!: string | null;
  @Column({ type: 'text' }) status!: ServiceRequestStatus;
  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: ServiceDeclineReason | null;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ name: 'answered_by', type: 'text', nullable: true }) answeredBy!: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  /** Providers that declined it before it was re-addressed, oldest first. */
  @Column({ name: 'previous_providers', type: 'text', array: true }) previousProviders!: string[];
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
