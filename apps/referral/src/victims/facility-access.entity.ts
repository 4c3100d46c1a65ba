import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A facility asked to admit a victim (from `shelter.admission.requested`), per placement: while
 * `active`, its staff may read what admission needs. A declined or discharged placement leaves the
 * row as a tombstone; `eventAt`/`eventId` are the clock of the event that last set it.
 */
@Entity({ name: 'facility_access', schema: 'referral' })
export class FacilityAccess {
  @PrimaryColumn({ name: 'victim_ref', type: 'text' }) victimRef!: string;
  @PrimaryColumn({ name: 'facility_code', type: 'text' }) facilityCode!: string;
  @PrimaryColumn({ name: 'placement_id', type: 'uuid' }) placementId!: string;
  @Column({ name: 'active', type: 'boolean' }) active!: boolean;
  @Column({ name: 'event_at', type: 'timestamptz' }) eventAt!: Date;
  @Column({ name: 'event_id', type: 'uuid', nullable: true }) eventId!: string | null;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt!: Date;
}
