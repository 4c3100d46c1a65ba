import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_AMOUNT_MINOR } from '../../common/money.js';
import { INFLOW_SOURCES, type InflowSource } from '../ledger.entities.js';

/** Money coming into the Fund (R-6.7: state budget and other lawful sources: grants). */
export class CreateInflowDto {
  @ApiProperty({ enum: INFLOW_SOURCES })
  @IsIn(INFLOW_SOURCES)
  source!: InflowSource;

  @ApiProperty({ description: 'Amount, qəpik', example: 10000000 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_MINOR)
  amountMinor!: number;

  @ApiProperty({
    description: 'Reference of the transfer or grant decision; unique per source',
    example: 'MOF-2026-11-001',
  })
  @IsString()
  @Length(1, 100)
  reference!: string;
}

/** Period of a statement: `[from, to)`, ISO 8601 instants. */
export class StatementQueryDto {
  @ApiProperty({ example: '2026-11-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({
    description: 'Most entries listed (totals always cover the whole period)',
    default: 500,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}
