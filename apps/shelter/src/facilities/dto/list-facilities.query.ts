import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { FACILITY_KINDS, type FacilityKind } from '../facility.entity.js';

export class ListFacilitiesQuery {
  @ApiPropertyOptional({ enum: FACILITY_KINDS }) @IsOptional() @IsIn(FACILITY_KINDS)
  kind?: FacilityKind;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 80)
  region?: string;
}
