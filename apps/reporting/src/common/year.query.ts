import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?year=YYYY`: the calendar year (UTC) in which the victims were identified. */
export class YearQuery {
  @ApiProperty({ example: 2026, description: 'Calendar year (UTC) in which the victims were identified' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

/** `?year=YYYY[&format=json|csv]` */
export class YearFormatQuery extends YearQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
