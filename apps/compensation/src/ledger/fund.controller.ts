import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { assertActsForFund } from '../common/fund-access.js';
import { CreateInflowDto, StatementQueryDto } from './dto/fund.dto.js';
import { BalanceResponse, InflowResponse, StatementResponse } from './dto/fund.response.js';
import { LedgerService } from './ledger.service.js';

/** The Fund's money: inflows by fund officers; the balance also for the coordinator (aggregates only), the statement for the Fund only. */
@ApiTags('fund')
@ApiBearerAuth()
@Controller('v1/fund')
export class FundController {
  constructor(private readonly ledger: LedgerService) {}

  @Post('inflows')
  @Roles('fund_officer')
  @ApiOperation({
    summary:
      'Record money received from the state budget, a grant or another source (R-6.7, R-3.2); 201, or 200 for a retry of the same inflow',
  })
  async inflow(
    @CurrentUser() user: Principal,
    @Body() dto: CreateInflowDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InflowResponse> {
    assertActsForFund(user);
    const { inflow, replayed } = await this.ledger.recordInflow(user, dto);
    void reply.status(replayed ? 200 : 201);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return inflow;
  }

  @Get('balance')
  @Roles('fund_officer', 'fund_approver', 'coordinator')
  @ApiOperation({ summary: 'Available, reserved and paid money of the Fund' })
  balance(@CurrentUser() user: Principal): Promise<BalanceResponse> {
    assertActsForFund(user);
    return this.ledger.balance();
  }

  @Get('statement')
  // The statement lists entries per payout: the Fund's own staff only (the coordinator has the balance).
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({ summary: 'The ledger over a period [from, to)' })
  statement(@CurrentUser() user: Principal, @Query() q: StatementQueryDto): Promise<StatementResponse> {
    assertActsForFund(user);
    return this.ledger.statement(new Date(q.from), new Date(q.to), q.limit);
  }
}
