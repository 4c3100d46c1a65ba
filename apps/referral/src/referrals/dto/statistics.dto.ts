import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class StatisticsQuery {
  @ApiPropertyOptional({
    example: 2026,
    description: 'Calendar year (UTC) of the reports; default: the current year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2009)
  @Max(2100)
  year?: number;
}

/** Counts only: what the National Coordinator needs for the commission's yearly review, no case data. */
export class ReferralStatisticsResponse {
  @ApiProperty() year!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Count per status', type: 'object', additionalProperties: { type: 'number' } })
  byStatus!: Record<string, number>;
  @ApiProperty({ description: 'Count per kind', type: 'object', additionalProperties: { type: 'number' } })
  byKind!: Record<string, number>;
  @ApiProperty({ description: 'Referrals whose 24-hour handover deadline was breached (R-4.2)' })
  deadlineBreached!: number;
  @ApiProperty({ description: 'Handovers accepted after the deadline' }) handedOverLate!: number;
  @ApiProperty({ description: 'Referrals flagged as a likely duplicate' }) likelyDuplicates!: number;
}
