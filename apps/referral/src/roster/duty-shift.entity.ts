import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A shift of a special police unit duty officer; shifts never overlap (exclusion constraint). */
@Entity({ name: 'duty_shifts', schema: 'referral' })
export class DutyShift {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'officer_id', type: 'text' }) officerId!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
