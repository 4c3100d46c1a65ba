import { Column, Entity, PrimaryColumn } from 'typeorm';

/** the victim was informed of free legal aid and its providers, by whom, in which language. */
@Entity({ name: 'rights_information', schema: 'referral' })
export class RightsInformation {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'victim_id', type: 'uuid' }) victimId!: string;
  @Column({ name: 'provider_id', type: 'uuid' }) providerId!: string;
  @Column({ type: 'text' }) language!: string;
  @Column({ name: 'informed_by', type: 'text' }) informedBy!: string;
  @Column({ name: 'informed_by_org', type: 'text' }) informedByOrg!: string;
  @Column({ name: 'informed_at', type: 'timestamptz' }) informedAt!: Date;
}
