import { IsIn, IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { defineEvent } from './event-contract.js';

/** A delivery gave up after its configured attempts. */
export class NotificationDeliveryFailedV1 {
  @IsUUID() deliveryId!: string;
  /** The event whose notification failed. */
  @IsUUID() eventId!: string;
  @IsString() @Length(1, 80) eventType!: string;
  @IsUUID() recipientId!: string;
  @IsIn(['email', 'webhook', 'sms']) channel!: 'email' | 'webhook' | 'sms';
  @IsInt() @Min(1) attempts!: number;
  /** Last error, shortened; never message content. */
  @IsString() @Length(0, 500) lastError!: string;
}
export const NotificationDeliveryFailed = defineEvent(
  'notification.delivery.failed',
  1,
  NotificationDeliveryFailedV1,
);
