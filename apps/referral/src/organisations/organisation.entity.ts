import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const ORGANISATION_KINDS = [
  'commission_body',
  'special_police_unit',
  'fund',
  'coordinator',
  'ngo',
  'international',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** An organisation that reports, receives or oversees referrals. */
@Entity({ name: 'organisations', schema: 'referral' })
export class Organisation {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: OrganisationKind;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
