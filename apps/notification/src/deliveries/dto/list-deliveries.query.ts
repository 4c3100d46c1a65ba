import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ORG_CODE } from '../../recipients/dto/create-recipient.dto.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery.entity.js';

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Id of the event notified' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Recipient id' })
  @IsOptional()
  @IsUUID()
  recipient?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ description: 'Organisation or facility code of the recipient' })
  @IsOptional()
  @IsString()
  @Matches(ORG_CODE)
  org?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
