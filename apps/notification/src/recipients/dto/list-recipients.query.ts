import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageCursorQuery, PageLimit } from '#shared';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CHANNELS, type Channel } from '../../routing/channels.js';
import { ORG_CODE } from './create-recipient.dto.js';

export class ListRecipientsQuery extends PageCursorQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ORG_CODE)
  org?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @PageLimit(200, 50)
  limit?: number;
}
