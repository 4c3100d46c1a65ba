import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PLAN_STATUSES = ['active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The individual rehabilitation and reintegration plan of one victim at one assistance centre. */
@Entity({ name: 'plans' })
export class Plan {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'facility_id' }) facilityId!: string;
  @Column('text', { name: 'victim_ref' }) victimRef!: string;
  @Column('text') status!: PlanStatus;
  /** ISO date (YYYY-MM-DD). */
  @Column('date', { name: 'review_due_on' }) reviewDueOn!: string;
  @Column('integer') version!: number;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
