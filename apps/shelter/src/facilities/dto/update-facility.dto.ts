import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { FUNDING_SOURCES, type FundingSource } from '../facility.entity.js';
import { IsText } from '../../common/validators.js';

/**
 * Changes to a facility. Whom it accepts is not changed here (it would invalidate placements already
 * made); register a new facility instead.
 */
export class UpdateFacilityDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsText(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'Beds; never below the beds occupied and held' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity?: number;

  @ApiPropertyOptional({ description: 'An inactive facility receives no new placements' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true })
  languages?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  accessible?: boolean;

  @ApiPropertyOptional({ enum: FUNDING_SOURCES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(FUNDING_SOURCES, { each: true })
  fundingSources?: FundingSource[];
}
