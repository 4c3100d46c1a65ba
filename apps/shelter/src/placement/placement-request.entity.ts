import { Column, Entity, PrimaryColumn } from 'typeorm';

export const REQUEST_STATUSES = ['offered', 'admitted', 'waitlisted', 'discharged', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * A victim's own shelter request, keyed by the `service.requested` request id so a
 * redelivered event can never place the victim twice. Holds the minimal profile only, never a name
 * . While `waitlisted`, it is an entry of the waiting list.
 */
@Entity({ name: 'placement_requests' })
export class PlacementRequest {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'victim_ref' }) victimRef!: string;
  @Column('text', { name: 'case_number' }) caseNumber!: string;
  @Column('text') sex!: string;
  @Column('text', { name: 'age_band' }) ageBand!: string;
  @Column('integer', { nullable: true }) age!: number | null;
  @Column('integer', { name: 'age_lo' }) ageLo!: number;
  @Column('integer', { name: 'age_hi' }) ageHi!: number;
  @Column('boolean') child!: boolean;
  @Column('text', { array: true }) languages!: string[];
  @Column('text', { array: true }) needs!: string[];
  @Column('text') region!: string;
  /** Region of the referral (of the exploitation): avoided for a high-risk victim. */
  @Column('text', { name: 'referral_region', nullable: true }) referralRegion!: string | null;
  @Column('text', { name: 'referring_org' }) referringOrg!: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt!: Date;
  @Column('text') status!: RequestStatus;
  @Column('timestamptz', { name: 'waitlisted_at', nullable: true }) waitlistedAt!: Date | null;
  @Column('text', { name: 'waitlist_reason', nullable: true }) waitlistReason!: string | null;
  @Column('uuid', { name: 'excluded_facility_ids', array: true }) excludedFacilityIds!: string[];
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
