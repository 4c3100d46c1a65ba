import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../common/bigint.transformer.js';

/** A victim's claim for material and moral damage. No field about cooperation with police exists. */
@Entity({ name: 'claims' })
export class Claim {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'victim_ref', type: 'varchar' }) victimRef!: string;
  @Column({ name: 'case_number', type: 'varchar' }) caseNumber!: string;
  @Column({ name: 'claimed_material_minor', type: 'bigint', transformer: bigintNumber })
  claimedMaterialMinor!: number;
  @Column({ name: 'claimed_moral_minor', type: 'bigint', transformer: bigintNumber })
  claimedMoralMinor!: number;
  @Column({ type: 'char', length: 3 }) currency!: 'AZN';
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
