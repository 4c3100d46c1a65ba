import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '#shared';
import { csvLine } from '../reports/csv.js';
import { YearFormatQuery } from '../common/year.query.js';
import { ExportsService } from './exports.service.js';
import type { HtcdsExport } from './htcds.js';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('htcds')
  @Roles('coordinator', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'One row per victim in the shape of the Human Trafficking Case Data Standard (CTDC value sets), k-anonymised; suppressed rows are counted',
  })
  @ApiOkResponse({
    description:
      'JSON { rows, suppressedRows, generalisation }; with format=csv, the rows with a header line',
  })
  async htcds(
    @Query() query: YearFormatQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HtcdsExport | string> {
    const data = await this.exports.htcds(query.year);
    void reply.header('Cache-Control', 'no-store');
    if (query.format !== 'csv') return data;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="htcds-${query.year}.csv"`)
      // The count of rows left out travels with the file.
      .header('X-Suppressed-Rows', String(data.suppressedRows));
    return csvLine([...data.fields]) + data.rows.map((r) => csvLine(data.fields.map((f) => r[f]))).join('');
  }
}
