import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../common/bigint.transformer.js';

/** Approved bank payouts handed to the bank together in one pain.001 file. */
@Entity({ name: 'payout_batches' })
export class PayoutBatch {
  @PrimaryColumn('uuid') id!: string;
  /** pain.001 GrpHdr/MsgId: unique, at most 35 characters. */
  @Column({ name: 'message_id', type: 'varchar' }) messageId!: string;
  @Column({ name: 'payout_count', type: 'int' }) payoutCount!: number;
  @Column({ name: 'control_sum_minor', type: 'bigint', transformer: bigintNumber }) controlSumMinor!: number;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
