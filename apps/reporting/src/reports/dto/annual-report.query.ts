import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { YearFormatQuery } from '../../common/year.query.js';
import { SECTIONS, type SectionId } from '../annual-report.js';

/** `?year=YYYY[&format=json|csv][&section=…]` */
export class AnnualReportQuery extends YearFormatQuery {
  @ApiPropertyOptional({ enum: SECTIONS, description: 'With format=csv: the section to export (default: every section)' })
  @IsOptional()
  @IsIn(SECTIONS)
  section?: SectionId;
}
