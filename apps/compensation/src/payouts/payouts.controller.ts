import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { assertActsForFund } from '../common/fund-access.js';
import {
  CashDisbursementDto,
  CreatePayoutDto,
  FailPayoutDto,
  PayoutListQueryDto,
  RejectChangeDto,
  SettlePayoutDto,
} from './dto/payout.dto.js';
import { PaymentDetailsResponse, PayoutResponse } from './dto/payout.response.js';
import { PayoutLifecycleService } from './payout-lifecycle.service.js';
import { payoutsErrors } from './payouts.errors.js';
import { PayoutsService } from './payouts.service.js';
import type { PayoutOutcome } from './payout-views.js';
import { ApiProblems } from '../common/api-problems.js';
import { ReceiptsService } from './receipts.service.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,200}$/;

/** Marks a replayed command (a retry that had no second effect); a change only requested is `202`. */
function answer(reply: FastifyReply, outcome: PayoutOutcome): PayoutResponse {
  if (outcome.replayed) void reply.header('Idempotent-Replayed', 'true');
  if (outcome.payout.status === 'failure_requested' || outcome.payout.status === 'return_requested')
    void reply.status(202);
  return outcome.payout;
}

/** Payouts of compensation. Officers make, a different approver checks. */
@ApiTags('payouts')
@ApiBearerAuth()
@Controller('v1/payouts')
export class PayoutsController {
  constructor(
    private readonly payouts: PayoutsService,
    private readonly lifecycle: PayoutLifecycleService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post()
  @Roles('fund_officer')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A retry with the same key returns the same payout (200)',
  })
  @ApiOperation({ summary: 'Create a payout by bank transfer or in cash, as the victim chose (R-3.10)' })
  @ApiProblems({
    400: ['validation-failed', 'idempotency-key-required'],
    404: ['not-found'],
    409: ['fund-payment-not-ordered', 'exceeds-fund-liability'],
    422: ['method-not-chosen-by-victim', 'idempotency-key-reused'],
  })
  async create(
    @CurrentUser() user: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: CreatePayoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    if (key === undefined || key === '')
      throw payoutsErrors.error('idempotency-key-required', 'Send an Idempotency-Key header');
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw payoutsErrors.error('validation-failed', 'Invalid fields: Idempotency-Key', [
        { field: 'Idempotency-Key', message: 'must be 1–200 printable ASCII characters' },
      ]);
    }
    const outcome = await this.payouts.create(user, key, dto);
    void reply.status(outcome.replayed ? 200 : 201);
    return answer(reply, outcome);
  }

  @Get()
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({ summary: 'Payouts, optionally of one claim' })
  list(@CurrentUser() user: Principal, @Query() q: PayoutListQueryDto): Promise<PayoutResponse[]> {
    assertActsForFund(user);
    return this.payouts.list({ claimId: q.claimId });
  }

  @Get(':id')
  @Roles('fund_officer', 'fund_approver')
  get(@CurrentUser() user: Principal, @UuidParam('id') id: string): Promise<PayoutResponse> {
    assertActsForFund(user);
    return this.payouts.get(id);
  }

  @Get(':id/payment-details')
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({ summary: "The beneficiary's name and IBAN (personal data; every read is recorded)" })
  paymentDetails(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
  ): Promise<PaymentDetailsResponse> {
    assertActsForFund(user);
    return this.payouts.paymentDetails(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('fund_approver')
  @ApiOperation({
    summary: 'Approve (checker ≠ maker) and reserve the money; a repeat by the same approver is a no-op 200',
  })
  async approve(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.approve(user, id));
  }

  @Post(':id/settle')
  @HttpCode(200)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary: 'Record that the bank executed the transfer; a repeat with the same reference is a no-op 200',
  })
  async settle(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: SettlePayoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.settle(user, id, dto.bankReference));
  }

  @Post(':id/fail')
  @HttpCode(200)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary:
      'Reject a pending payout or cancel an approved one (200, reservation released); once its file was issued, request the failure (202 failure_requested) for a second person to confirm',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['illegal-transition', 'change-request-pending'] })
  async fail(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: FailPayoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.fail(user, id, dto.reason));
  }

  @Post(':id/fail/confirm')
  @HttpCode(200)
  @Roles('fund_approver')
  @ApiOperation({
    summary:
      "Confirm another person's failure request (neither the requester nor the maker): failed, reservation released",
  })
  @ApiProblems({
    404: ['not-found'],
    409: ['no-change-request', 'illegal-transition'],
    422: ['requester-cannot-confirm', 'maker-cannot-confirm'],
  })
  async confirmFailure(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.confirm(user, id, 'fail'));
  }

  @Post(':id/fail/reject')
  @HttpCode(200)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary: 'Reject (or withdraw) a failure request: the payout is sent again, the money stays reserved',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['no-change-request', 'illegal-transition'] })
  async rejectFailure(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: RejectChangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.reject(user, id, 'fail', dto.note));
  }

  @Post(':id/return')
  @HttpCode(202)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary:
      'Request that a settled transfer be recorded as returned (202 return_requested); a second person confirms it',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['illegal-transition', 'change-request-pending'] })
  async returned(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: FailPayoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.requestReturn(user, id, dto.reason));
  }

  @Post(':id/return/confirm')
  @HttpCode(200)
  @Roles('fund_approver')
  @ApiOperation({
    summary:
      "Confirm another person's return request (neither the requester nor the maker): returned, the money is available again",
  })
  @ApiProblems({
    404: ['not-found'],
    409: ['no-change-request', 'illegal-transition'],
    422: ['requester-cannot-confirm', 'maker-cannot-confirm'],
  })
  async confirmReturn(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.confirm(user, id, 'return'));
  }

  @Post(':id/return/reject')
  @HttpCode(200)
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({ summary: 'Reject (or withdraw) a return request: the payout stays settled' })
  @ApiProblems({ 404: ['not-found'], 409: ['no-change-request', 'illegal-transition'] })
  async rejectReturn(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: RejectChangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.reject(user, id, 'return', dto.note));
  }

  @Post(':id/cash-disbursement')
  @HttpCode(200)
  @Roles('fund_officer')
  @ApiOperation({
    summary: 'Record a cash disbursement: receipt number, identity document checked, officer (R-3.10)',
  })
  async disburse(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: CashDisbursementDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PayoutResponse> {
    assertActsForFund(user);
    return answer(reply, await this.lifecycle.disburse(user, id, dto));
  }

  @Get(':id/receipt')
  @Roles('fund_officer', 'fund_approver')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'Printable receipt of a cash disbursement (personal data; every print is recorded)',
  })
  async receipt(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    assertActsForFund(user);
    const html = await this.receipts.cashReceipt(user, id);
    void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store');
    return html;
  }
}
