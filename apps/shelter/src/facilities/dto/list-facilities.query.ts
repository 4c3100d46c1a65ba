import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FACILITY_KINDS, type FacilityKind } from '../facility.entity.js';
import { IsText } from '../../common/validators.js';

export class ListFacilitiesQuery {
  @ApiPropertyOptional({ enum: FACILITY_KINDS })
  @IsOptional()
  @IsIn(FACILITY_KINDS)
  kind?: FacilityKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(1, 80)
  region?: string;
}
