import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SEXES, type Sex } from '#shared';
import {
  FACILITY_KINDS,
  FUNDING_SOURCES,
  OPERATORS,
  type FacilityKind,
  type FundingSource,
  type Operator,
} from '../facility.entity.js';
import { IsText } from '../../common/validators.js';

/** Whom a facility accepts. */
export class FacilityAcceptsDto {
  @ApiProperty({ enum: SEXES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SEXES, { each: true })
  sexes!: Sex[];

  @ApiProperty({ description: 'Children are accepted and cared for (R-6.6)' })
  @IsBoolean()
  children!: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 130 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  minAge?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 130 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  maxAge?: number;
}

/** A new shelter or assistance centre. */
export class CreateFacilityDto {
  @ApiProperty({
    description: 'Unique code; also the `org` claim of the facility staff',
    example: 'SH-BAKU-1',
  })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'must be 2-40 upper-case letters, digits or dashes' })
  code!: string;

  @ApiProperty()
  @IsText(1, 200)
  name!: string;

  @ApiProperty({ enum: FACILITY_KINDS })
  @IsIn(FACILITY_KINDS)
  kind!: FacilityKind;

  @ApiProperty()
  @IsText(1, 80)
  region!: string;

  @ApiProperty({ enum: OPERATORS, description: 'Run by the state or by an NGO (R-6.8)' })
  @IsIn(OPERATORS)
  operator!: Operator;

  @ApiPropertyOptional({
    enum: FUNDING_SOURCES,
    isArray: true,
    description: 'State budget and other lawful sources (R-6.7)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(FUNDING_SOURCES, { each: true })
  fundingSources?: FundingSource[];

  @ApiProperty({ description: 'Beds', minimum: 0, maximum: 1_000_000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity!: number;

  @ApiProperty({ type: FacilityAcceptsDto })
  @ValidateNested()
  @Type(() => FacilityAcceptsDto)
  accepts!: FacilityAcceptsDto;

  @ApiProperty({ description: 'Languages spoken by staff, ISO 639-1', example: ['az', 'ru'] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true })
  languages!: string[];

  @ApiPropertyOptional({ description: 'Accessible to people with reduced mobility' })
  @IsOptional()
  @IsBoolean()
  accessible?: boolean;
}
