import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

import type { OrganisationKind } from '#shared';

// The kinds are part of the `referral.reported` v2 contract: one list for the platform.
export { ORGANISATION_KINDS, type OrganisationKind } from '#shared';

/** An organisation that reports, receives or oversees referrals. */
@Entity({ name: 'organisations', schema: 'referral' })
export class Organisation {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: OrganisationKind;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
