import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageCursorQuery, PageLimit } from '#shared';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../placement.entity.js';
import { IsText } from '../../common/validators.js';

export class ListPlacementsQuery extends PageCursorQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsText(8, 64)
  victimRef?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES })
  @IsOptional()
  @IsIn(PLACEMENT_STATUSES)
  status?: PlacementStatus;

  @PageLimit(200, 50)
  limit?: number;
}
