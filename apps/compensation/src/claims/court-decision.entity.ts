import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../common/bigint.transformer.js';

/**
 * A court's decision on a claim: what it awards and whether the Fund is ordered to pay.
 * Identified on its claim by the normalised court and decision number (`courtKey`, `numberKey`);
 * a decision on appeal names the one it replaces. Immutable once recorded.
 */
@Entity({ name: 'court_decisions' })
export class CourtDecision {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'claim_id', type: 'uuid' }) claimId!: string;
  @Column({ type: 'varchar' }) court!: string;
  @Column({ name: 'decision_number', type: 'varchar' }) decisionNumber!: string;
  @Column({ name: 'court_key', type: 'varchar' }) courtKey!: string;
  @Column({ name: 'number_key', type: 'varchar' }) numberKey!: string;
  @Column({ name: 'supersedes_decision_id', type: 'uuid', nullable: true }) supersedesDecisionId!:
    string | null;
  /** Set only on decisions re-typed before keys existed: such a duplicate never counts. */
  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true }) duplicateOf!: string | null;
  @Column({ name: 'decided_at', type: 'date' }) decidedAt!: string;
  @Column({ name: 'awarded_minor', type: 'bigint', transformer: bigintNumber }) awardedMinor!: number;
  @Column({ name: 'fund_payment_ordered', type: 'boolean' }) fundPaymentOrdered!: boolean;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A second person's confirmation of a court decision (four eyes, R-3.8). Insert-only. */
@Entity({ name: 'court_decision_confirmations' })
export class CourtDecisionConfirmation {
  @PrimaryColumn({ name: 'decision_id', type: 'uuid' }) decisionId!: string;
  @Column({ name: 'confirmed_by', type: 'varchar' }) confirmedBy!: string;
  @Column({ name: 'confirmed_at', type: 'timestamptz' }) confirmedAt!: Date;
}
