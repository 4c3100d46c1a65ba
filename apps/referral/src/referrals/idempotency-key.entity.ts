import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An Idempotency-Key used by a reporting organisation, with the keyed hash of the request it came with. */
@Entity({ name: 'idempotency_keys', schema: 'referral' })
export class IdempotencyKey {
  @PrimaryColumn({ name: 'reporting_org', type: 'text' }) reportingOrg!: string;
  @PrimaryColumn({ name: 'idempotency_key', type: 'text' }) idempotencyKey!: string;
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;
  @Column({ name: 'referral_id', type: 'uuid' }) referralId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
