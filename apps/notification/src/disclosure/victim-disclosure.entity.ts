import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the notification service knows of a victim's safety, from `victim.safety.changed`: only
 * whether disclosure of the victim's whereabouts is restricted, and the risk level. The latest
 * assessment wins.
 */
@Entity({ name: 'victim_disclosures', schema: 'notification' })
export class VictimDisclosure {
  @PrimaryColumn('text', { name: 'victim_ref' }) victimRef!: string;
  @Column('boolean', { name: 'restrict_disclosure' }) restrictDisclosure!: boolean;
  @Column('text', { name: 'risk_level' }) riskLevel!: string;
  @Column('timestamptz', { name: 'assessed_at' }) assessedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
