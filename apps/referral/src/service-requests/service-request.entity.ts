import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceKind } from '#shared';

/** A service the victim asked for, with the consent record that allowed it. */
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
}
