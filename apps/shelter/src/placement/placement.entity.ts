import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PLACEMENT_STATUSES = ['offered', 'admitted', 'declined', 'expired', 'discharged'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** A bed offered to (held for) a victim in one facility, and what became of it. */
@Entity({ name: 'placements' })
export class Placement {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'request_id' }) requestId!: string;
  @Column('uuid', { name: 'facility_id' }) facilityId!: string;
  @Column('text', { name: 'victim_ref' }) victimRef!: string;
  @Column('text', { name: 'case_number' }) caseNumber!: string;
  @Column('text') status!: PlacementStatus;
  @Column('timestamptz', { name: 'offered_at' }) offeredAt!: Date;
  @Column('timestamptz', { name: 'offer_expires_at' }) offerExpiresAt!: Date;
  @Column('timestamptz', { name: 'expected_arrival_at' }) expectedArrivalAt!: Date;
  @Column('timestamptz', { name: 'admitted_at', nullable: true }) admittedAt!: Date | null;
  @Column('timestamptz', { name: 'declined_at', nullable: true }) declinedAt!: Date | null;
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason!: string | null;
  @Column('timestamptz', { name: 'discharged_at', nullable: true }) dischargedAt!: Date | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
