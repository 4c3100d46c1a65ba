import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, LANGUAGES, type Channel, type Language } from '../../routing/channels.js';
import type { CircuitState } from '../recipient-circuit.entity.js';

/** The recipient's circuit breaker: `open` while its deliveries wait after consecutive failures. */
export class RecipientCircuitResponse {
  @ApiProperty({ enum: ['closed', 'open', 'half_open'] }) state!: CircuitState;
  @ApiProperty() consecutiveFailures!: number;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the next probe may go',
  })
  openUntil!: string | null;
}

/** A recipient as the API shows it: the webhook secret is never returned, only whether one is set. */
export class RecipientResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() org!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty() address!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty() hasSecret!: boolean;
  @ApiProperty() active!: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deactivatedAt!: string | null;
  @ApiProperty({ type: RecipientCircuitResponse }) circuit!: RecipientCircuitResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RecipientPageResponse {
  @ApiProperty({ type: [RecipientResponse] }) items!: RecipientResponse[];
  @ApiPropertyOptional({ description: 'Cursor of the next page; absent on the last page' })
  nextCursor?: string;
}
