import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FundingSource } from '../facilities/facility.entity.js';

/** Ministries that prepare and run labour-market training programmes: Education, Labour and Social Protection. */
export const LEAD_MINISTRIES = ['MOE', 'MLSPP'] as const;
export type LeadMinistry = (typeof LEAD_MINISTRIES)[number];

/** A labour-market training programme. `enrolled` is bounded by `seats` in the database. */
@Entity({ name: 'training_programmes' })
export class TrainingProgramme {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') title!: string;
  @Column('text', { name: 'lead_ministry' }) leadMinistry!: LeadMinistry;
  @Column('text', { name: 'partner_ngos', array: true }) partnerNgos!: string[];
  @Column('text', { name: 'funding_sources', array: true }) fundingSources!: FundingSource[];
  @Column('text') region!: string;
  @Column('date', { name: 'starts_on' }) startsOn!: string;
  @Column('date', { name: 'ends_on' }) endsOn!: string;
  @Column('integer') seats!: number;
  @Column('integer') enrolled!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
