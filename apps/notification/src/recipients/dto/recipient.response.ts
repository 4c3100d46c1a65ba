import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, LANGUAGES, type Channel, type Language } from '../../routing/channels.js';

/** A recipient as the API shows it: the webhook secret is never returned, only whether one is set. */
export class RecipientResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() org!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty() address!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty() hasSecret!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RecipientPageResponse {
  @ApiProperty({ type: [RecipientResponse] }) items!: RecipientResponse[];
  @ApiPropertyOptional({ description: 'Cursor of the next page; absent on the last page' })
  nextCursor?: string;
}
