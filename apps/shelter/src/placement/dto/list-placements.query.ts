import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../placement.entity.js';
import { IsText } from '../../common/validators.js';

export class ListPlacementsQuery {
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

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
