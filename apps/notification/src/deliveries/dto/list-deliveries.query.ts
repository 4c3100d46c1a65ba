import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageCursorQuery, PageLimit } from '#shared';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ORG_CODE } from '../../recipients/dto/create-recipient.dto.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery.entity.js';

export class ListDeliveriesQuery extends PageCursorQuery {
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

  @PageLimit(200, 50)
  limit?: number;
}
