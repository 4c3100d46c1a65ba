import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '#shared';
import type { AnnualReport } from './annual-report.js';
import { sectionsToCsv } from './csv.js';
import { YearQuery } from '../common/year.query.js';
import { AnnualReportQuery } from './dto/annual-report.query.js';
import { renderReportHtml } from './html-report.js';
import { renderReportPdf } from './pdf-report.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('annual')
  @Roles('coordinator', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "The commission's annual report (R-2.4): counts and sums by breakdown, every figure under k suppressed",
  })
  @ApiOkResponse({
    description: 'JSON sections of tables; with format=csv, a long CSV of one section or all',
  })
  async annual(
    @Query() query: AnnualReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnnualReport | string> {
    const report = await this.reports.annual(query.year);
    void reply.header('Cache-Control', 'no-store');
    if (query.format !== 'csv') return report;
    const sections = query.section ? report.sections.filter((s) => s.id === query.section) : report.sections;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header(
        'Content-Disposition',
        `attachment; filename="annual-report-${query.year}${query.section ? `-${query.section}` : ''}.csv"`,
      );
    return sectionsToCsv(sections);
  }

  @Get('annual.html')
  @Roles('coordinator', 'admin')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The annual report as a printable page with charts (SVG rendered on the server)' })
  async annualHtml(
    @Query() query: YearQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const report = await this.reports.annual(query.year);
    void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store');
    return renderReportHtml(report);
  }

  @Get('annual.pdf')
  @Roles('coordinator', 'admin')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The annual report as a PDF: the same tables and explanations as the HTML page' })
  async annualPdf(@Query() query: YearQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const report = await this.reports.annual(query.year);
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="annual-report-${query.year}.pdf"`)
      .header('Cache-Control', 'no-store');
    return renderReportPdf(report);
  }
}
