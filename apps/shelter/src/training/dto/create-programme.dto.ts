import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { FUNDING_SOURCES, type FundingSource } from '../../facilities/facility.entity.js';
import { LEAD_MINISTRIES, type LeadMinistry } from '../training-programme.entity.js';
import { IsDateOnly, IsText } from '../../common/validators.js';

/** A labour-market training programme. */
export class CreateProgrammeDto {
  @ApiProperty({ example: 'TP-2026-TAILORING' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'must be 2-40 upper-case letters, digits or dashes' })
  code!: string;

  @ApiProperty()
  @IsText(1, 200)
  title!: string;

  @ApiProperty({
    enum: LEAD_MINISTRIES,
    description: 'R-6.3: the Ministry of Education or of Labour and Social Protection',
  })
  @IsIn(LEAD_MINISTRIES, { message: 'must be MOE or MLSPP (R-6.3)' })
  leadMinistry!: LeadMinistry;

  @ApiProperty({ type: [String], description: 'NGOs running the programme with the ministry (R-6.3, R-6.8)' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { each: true })
  partnerNgos!: string[];

  @ApiPropertyOptional({ enum: FUNDING_SOURCES, isArray: true, description: 'R-6.7' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(FUNDING_SOURCES, { each: true })
  fundingSources?: FundingSource[];

  @ApiProperty()
  @IsText(1, 80)
  region!: string;

  @ApiProperty({ example: '2026-09-01' })
  @IsDateOnly()
  startsOn!: string;

  @ApiProperty({ example: '2026-12-20' })
  @IsDateOnly()
  endsOn!: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  seats!: number;
}
