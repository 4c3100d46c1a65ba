import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PLAN_DOMAINS, PLAN_ITEM_STATUSES, type PlanDomain, type PlanItemStatus } from '#shared';

/** Domains of social rehabilitation, as the events carry them. */
export { PLAN_DOMAINS, type PlanDomain };
export const ITEM_STATUSES = PLAN_ITEM_STATUSES;
export type ItemStatus = PlanItemStatus;
export const AGREEMENTS = ['pending', 'agreed', 'declined'] as const;
export type Agreement = (typeof AGREEMENTS)[number];
/** Who carries an item out: a state agency or an NGO. */
export const RESPONSIBLE_KINDS = ['agency', 'ngo'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];

/** One measure of a plan. */
@Entity({ name: 'plan_items' })
export class PlanItem {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Column('integer') position!: number;
  @Column('text') domain!: PlanDomain;
  @Column('text') goal!: string;
  @Column('text', { array: true }) actions!: string[];
  @Column('text', { name: 'responsible_kind' }) responsibleKind!: ResponsibleKind;
  @Column('text', { name: 'responsible_org' }) responsibleOrg!: string;
  @Column('date', { name: 'due_on', nullable: true }) dueOn!: string | null;
  @Column('text') status!: ItemStatus;
  @Column('text', { name: 'victim_agreement' }) victimAgreement!: Agreement;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
