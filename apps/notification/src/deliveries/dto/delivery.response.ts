import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, LANGUAGES, type Channel, type Language } from '../../routing/channels.js';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '../delivery-attempt.entity.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery.entity.js';

export class DeliveryAttemptResponse {
  @ApiProperty() attempt!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
  @ApiProperty({ enum: ATTEMPT_OUTCOMES }) outcome!: AttemptOutcome;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'HTTP status or SMTP reply code' })
  responseCode!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error!: string | null;
}

/** One delivery with every attempt: proof of when a recipient was told. No message content. */
export class DeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id / Message-ID / SMS reference' })
  id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ format: 'date-time' }) eventOccurredAt!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null while the event waits for a recipient of its organisation (status waiting)',
  })
  recipientId!: string | null;
  @ApiProperty() org!: string;
  @ApiPropertyOptional({ enum: CHANNELS, nullable: true }) channel!: Channel | null;
  @ApiPropertyOptional({ enum: LANGUAGES, nullable: true }) language!: Language | null;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description:
      'waiting: no active recipient of the organisation yet; cancelled: the recipient was deactivated first; expired: waited until the event no longer mattered',
  })
  status!: DeliveryStatus;
  @ApiProperty() attemptCount!: number;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the next attempt is due (pending only)',
  })
  nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) failedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Last re-drive by an operator',
  })
  redrivenAt!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when a waiting event waits for a recipient',
  })
  waitingUntil!: string | null;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) attempts!: DeliveryAttemptResponse[];
}

export class DeliveryPageResponse {
  @ApiProperty({ type: [DeliveryResponse] }) items!: DeliveryResponse[];
  @ApiPropertyOptional({ description: 'Cursor of the next page; absent on the last page' })
  nextCursor?: string;
}
