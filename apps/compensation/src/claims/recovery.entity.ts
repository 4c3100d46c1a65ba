import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../common/bigint.transformer.js';

/** Money recovered for the victim from the traffickers' property (R-3.8). */
@Entity({ name: 'recoveries' })
export class Recovery {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'claim_id', type: 'uuid' }) claimId!: string;
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintNumber }) amountMinor!: number;
  @Column({ type: 'varchar' }) reference!: string;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
