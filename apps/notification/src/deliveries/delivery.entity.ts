import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, Language } from '../routing/channels.js';

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One notification of one event to one recipient over one channel (unique), with the message
 * rendered when the event arrived, so every retry sends the same words.
 */
@Entity({ name: 'deliveries', schema: 'notification' })
export class Delivery {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('timestamptz', { name: 'event_occurred_at' }) eventOccurredAt!: Date;
  @Column('text', { name: 'correlation_id' }) correlationId!: string;
  @Column('uuid', { name: 'recipient_id' }) recipientId!: string;
  @Column('text') org!: string;
  @Column('text') channel!: Channel;
  @Column('text') language!: Language;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  /** The whitelisted template variables (case number, victimRef, …): the webhook's `data`. */
  @Column('jsonb') variables!: Record<string, string>;
  @Column('text') status!: DeliveryStatus;
  @Column('int') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('timestamptz', { name: 'lease_until', nullable: true }) leaseUntil!: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
  @Column('timestamptz', { name: 'failed_at', nullable: true }) failedAt!: Date | null;
  /** Attempts made before the last re-drive by an operator (the budget restarts from here). */
  @Column('int', { name: 'attempts_before_redrive' }) attemptsBeforeRedrive!: number;
  @Column('timestamptz', { name: 'redriven_at', nullable: true }) redrivenAt!: Date | null;
  @Column('text', { name: 'redriven_by', nullable: true }) redrivenBy!: string | null;
}
