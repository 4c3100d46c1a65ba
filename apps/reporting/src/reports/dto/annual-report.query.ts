import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SECTIONS, type SectionId } from '../annual-report.js';

/** `?year=YYYY[&format=json|csv][&section=…]` */
export class AnnualReportQuery {
  @ApiProperty({ example: 2026, description: 'Calendar year (UTC) in which the victims were identified' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({
    enum: SECTIONS,
    description: 'With format=csv: the section to export (default: every section)',
  })
  @IsOptional()
  @IsIn(SECTIONS)
  section?: SectionId;
}

/** `?year=YYYY` */
export class YearQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}
