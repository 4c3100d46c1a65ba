import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../common/bigint.transformer.js';

/** A court's decision on a claim: what it awards and whether the Fund is ordered to pay. */
@Entity({ name: 'court_decisions' })
export class CourtDecision {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'claim_id', type: 'uuid' }) claimId!: string;
  @Column({ type: 'varchar' }) court!: string;
  @Column({ name: 'decision_number', type: 'varchar' }) decisionNumber!: string;
  @Column({ name: 'decided_at', type: 'date' }) decidedAt!: string;
  @Column({ name: 'awarded_minor', type: 'bigint', transformer: bigintNumber }) awardedMinor!: number;
  @Column({ name: 'fund_payment_ordered', type: 'boolean' }) fundPaymentOrdered!: boolean;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
