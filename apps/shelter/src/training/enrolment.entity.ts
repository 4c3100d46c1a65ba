import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EnrolmentStatus } from '#shared';

export { ENROLMENT_STATUSES, type EnrolmentStatus } from '#shared';

/** A victim's enrolment in a training programme, made only with the victim's recorded consent. */
@Entity({ name: 'enrolments' })
export class Enrolment {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'programme_id' }) programmeId!: string;
  @Column('text', { name: 'victim_ref' }) victimRef!: string;
  @Column('uuid', { name: 'facility_id' }) facilityId!: string;
  @Column('timestamptz', { name: 'consent_recorded_at' }) consentRecordedAt!: Date;
  @Column('text') status!: EnrolmentStatus;
  @Column('timestamptz', { name: 'enrolled_at' }) enrolledAt!: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('text', { name: 'enrolled_by' }) enrolledBy!: string;
}
