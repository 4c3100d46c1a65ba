import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { assertActsForFund } from '../common/fund-access.js';
import { BatchesService } from './batches.service.js';
import {
  BankStatusImportDto,
  BankStatusImportResponse,
  CreatePayoutBatchDto,
  Pain002ImportDto,
  PayoutBatchResponse,
} from './dto/batch.dto.js';

/** Bank batches of approved payouts and their ISO 20022 pain.001 files (fund staff only). */
@ApiTags('payout-batches')
@ApiBearerAuth()
@Controller('v1/payout-batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post()
  @HttpCode(201)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({ summary: 'Gather approved bank transfers into a batch; they become sent' })
  create(@CurrentUser() user: Principal, @Body() dto: CreatePayoutBatchDto): Promise<PayoutBatchResponse> {
    assertActsForFund(user);
    return this.batches.create(user, dto.payoutIds);
  }

  @Get(':id')
  @Roles('fund_officer', 'fund_approver')
  get(@CurrentUser() user: Principal, @UuidParam('id') id: string): Promise<PayoutBatchResponse> {
    assertActsForFund(user);
    return this.batches.get(id);
  }

  @Get(':id/pain001')
  @Roles('fund_officer', 'fund_approver')
  @ApiProduces('application/xml')
  @ApiOperation({
    summary: 'The ISO 20022 pain.001.001.09 credit transfer file (personal data; each download is recorded)',
  })
  async pain001(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    assertActsForFund(user);
    const file = await this.batches.pain001(user, id);
    void reply
      .header('Content-Type', 'application/xml; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .header('Cache-Control', 'no-store');
    return file.xml;
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary: "Import the bank's per-payout outcomes for a batch (settled, failed, returned); idempotent",
  })
  importStatus(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: BankStatusImportDto,
  ): Promise<BankStatusImportResponse> {
    assertActsForFund(user);
    return this.batches.importStatus(user, id, dto.results);
  }

  @Post(':id/pain002')
  @HttpCode(200)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary:
      "Import the bank's ISO 20022 pain.002 status report on a batch (ACSC/ACCC settle, RJCT fails); idempotent",
  })
  importPain002(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: Pain002ImportDto,
  ): Promise<BankStatusImportResponse> {
    assertActsForFund(user);
    return this.batches.importPain002(user, id, dto.document);
  }
}
