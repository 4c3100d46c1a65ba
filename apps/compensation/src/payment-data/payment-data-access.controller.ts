import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { assertActsForFund } from '../common/fund-access.js';
import { PaymentDataAccessLog } from './payment-data-access.log.js';

export class PaymentDataAccessResponse {
  @ApiProperty({ enum: ['payout_batch', 'payout_receipt', 'payout_details'] }) kind!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() by!: string;
  @ApiProperty() role!: string;
  @ApiProperty() org!: string;
  @ApiProperty() at!: string;
}

/** The record of reads of beneficiaries' payment data, for the Fund's own audit (R-1.3.2). */
@ApiTags('payouts')
@ApiBearerAuth()
@Controller('v1/payment-data-access')
export class PaymentDataAccessController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: PaymentDataAccessLog,
  ) {}

  @Get(':subjectId')
  @Roles('fund_approver')
  @ApiOperation({
    summary: 'Who read the payment data of a payout (details, receipt) or a batch (pain.001), newest first',
  })
  async list(
    @CurrentUser() user: Principal,
    @UuidParam('subjectId') subjectId: string,
  ): Promise<PaymentDataAccessResponse[]> {
    assertActsForFund(user);
    const rows = await this.log.of(this.dataSource.manager, subjectId);
    return rows.map((r) =>
      Object.assign(new PaymentDataAccessResponse(), {
        kind: r.subjectKind,
        subjectId: r.subjectId,
        by: r.actor,
        role: r.actorRole,
        org: r.actorOrg,
        at: r.at.toISOString(),
      }),
    );
  }
}
