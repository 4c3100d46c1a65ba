import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, Language } from '../routing/channels.js';

/**
 * `waiting`: no active recipient of the organisation yet (no recipient, channel or language);
 * `cancelled`: the recipient was deactivated first; `expired`: waited until it no longer mattered.
 */
export const DELIVERY_STATUSES = [
  'waiting',
  'pending',
  'sending',
  'delivered',
  'failed',
  'cancelled',
  'expired',
] as const;
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
  @Column('uuid', { name: 'recipient_id', nullable: true }) recipientId!: string | null;
  @Column('text') org!: string;
  @Column('text', { nullable: true }) channel!: Channel | null;
  @Column('text', { nullable: true }) language!: Language | null;
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
  /** Until when the event waits for a recipient, if it has to. */
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('uuid', { name: 'referral_id', nullable: true }) referralId!: string | null;
  /** When the operators were told early that this duty alert keeps failing. */
  @Column('timestamptz', { name: 'early_alert_at', nullable: true }) earlyAlertAt!: Date | null;
}
