import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every read of beneficiaries' payment data (pain.001 download, receipt print) is recorded (R-1.3.2). */
@Entity({ name: 'payment_data_access' })
export class PaymentDataAccess {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'subject_kind', type: 'varchar' }) subjectKind!:
    'payout_batch' | 'payout_receipt' | 'payout_details';
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId!: string;
  @Column({ type: 'varchar' }) actor!: string;
  @Column({ name: 'actor_role', type: 'varchar' }) actorRole!: string;
  @Column({ name: 'actor_org', type: 'varchar' }) actorOrg!: string;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
}
