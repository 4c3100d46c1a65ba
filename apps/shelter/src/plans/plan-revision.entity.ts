import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An append-only snapshot of a plan after each change: the plan's history. */
@Entity({ name: 'plan_revisions' })
export class PlanRevision {
  @PrimaryColumn('uuid', { name: 'plan_id' }) planId!: string;
  @PrimaryColumn('integer') revision!: number;
  @Column('text', { name: 'changed_by' }) changedBy!: string;
  @Column('timestamptz', { name: 'changed_at' }) changedAt!: Date;
  @Column('jsonb') snapshot!: Record<string, unknown>;
}
