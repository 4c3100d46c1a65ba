import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A facility asked to admit a victim (from `shelter.admission.requested`): its staff may read what admission needs. */
@Entity({ name: 'facility_access', schema: 'referral' })
export class FacilityAccess {
  @PrimaryColumn({ name: 'victim_ref', type: 'text' }) victimRef!: string;
  @PrimaryColumn({ name: 'facility_code', type: 'text' }) facilityCode!: string;
  @Column({ name: 'placement_id', type: 'uuid' }) placementId!: string;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt!: Date;
}
