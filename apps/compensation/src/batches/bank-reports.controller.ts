import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { ApiProblems } from '../common/api-problems.js';
import { assertActsForFund } from '../common/fund-access.js';
import { BatchesService } from './batches.service.js';
import { BankStatusImportResponse, Camt054ImportDto } from './dto/batch.dto.js';

/** Bank reports that are not about one batch: notifications on the Fund's account (fund staff only). */
@ApiTags('payout-batches')
@ApiBearerAuth()
@Controller('v1/bank-reports')
export class BankReportsController {
  constructor(private readonly batches: BatchesService) {}

  @Post('camt054')
  @HttpCode(200)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary:
      "Import the bank's ISO 20022 camt.054 notification of returned transfers: settled payouts become returned, others failed; idempotent",
  })
  @ApiProblems({})
  importCamt054(
    @CurrentUser() user: Principal,
    @Body() dto: Camt054ImportDto,
  ): Promise<BankStatusImportResponse> {
    assertActsForFund(user);
    return this.batches.importCamt054(user, dto.document);
  }
}
