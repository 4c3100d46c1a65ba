import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every handover request, allowed or refused, with who asked and to whom. */
@Entity({ name: 'handover_attempts', schema: 'referral' })
export class HandoverAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'referral_id', type: 'uuid' }) referralId!: string;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: string;
  @Column({ name: 'requested_by_org', type: 'text' }) requestedByOrg!: string;
  @Column({ name: 'to_org', type: 'text' }) toOrg!: string;
  @Column({ name: 'to_officer_id', type: 'text' }) toOfficerId!: string;
  @Column({ type: 'text' }) outcome!: 'requested' | 'refused';
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'attempted_at', type: 'timestamptz' }) attemptedAt!: Date;
}
