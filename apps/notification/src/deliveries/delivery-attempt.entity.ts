import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ATTEMPT_OUTCOMES = ['delivered', 'failed', 'timeout'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** One try of a delivery: when, how it ended, the receiver's response code and the error. */
@Entity({ name: 'delivery_attempts', schema: 'notification' })
export class DeliveryAttempt {
  @PrimaryColumn('uuid', { name: 'delivery_id' }) deliveryId!: string;
  @PrimaryColumn('int') attempt!: number;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'finished_at' }) finishedAt!: Date;
  @Column('text') outcome!: AttemptOutcome;
  /** HTTP status (webhook, SMS gateway) or SMTP reply code. */
  @Column('int', { name: 'response_code', nullable: true }) responseCode!: number | null;
  @Column('text', { nullable: true }) error!: string | null;
}
