import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/api-problems.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { assertActsForFund } from '../common/fund-access.js';
import { ClaimsService } from './claims.service.js';
import { ClaimQueryDto, CreateClaimDto, CreateCourtDecisionDto, CreateRecoveryDto } from './dto/claim.dto.js';
import { ClaimResponse } from './dto/claim.response.js';

/** Claims, court decisions and recoveries: the Fund's officers record them; both fund roles read them. */
@ApiTags('claims')
@ApiBearerAuth()
@Controller('v1/claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @HttpCode(201)
  @Roles('fund_officer')
  @ApiOperation({ summary: 'Open a claim for material and moral damage (R-3.6, R-3.7)' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateClaimDto): Promise<ClaimResponse> {
    assertActsForFund(user);
    return this.claims.create(user, dto);
  }

  @Get()
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({ summary: 'Claims of a victim (victimRef) or a case (caseNumber)' })
  search(@CurrentUser() user: Principal, @Query() q: ClaimQueryDto): Promise<ClaimResponse[]> {
    assertActsForFund(user);
    return this.claims.search({ victimRef: q.victimRef, caseNumber: q.caseNumber });
  }

  @Get(':id')
  @Roles('fund_officer', 'fund_approver')
  @ApiOperation({
    summary: 'A claim with awarded, recovered, paid by the Fund and outstanding amounts (R-3.9)',
  })
  get(@CurrentUser() user: Principal, @UuidParam('id') id: string): Promise<ClaimResponse> {
    assertActsForFund(user);
    return this.claims.get(id);
  }

  @Post(':id/court-decisions')
  @HttpCode(201)
  @Roles('fund_officer')
  @ApiOperation({ summary: 'Record a court decision (R-3.8); it counts once a second person confirms it' })
  @ApiProblems({
    404: ['not-found'],
    409: ['duplicate-court-decision', 'decision-already-superseded'],
    422: ['unknown-superseded-decision'],
  })
  addCourtDecision(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: CreateCourtDecisionDto,
  ): Promise<ClaimResponse> {
    assertActsForFund(user);
    return this.claims.addCourtDecision(user, id, dto);
  }

  @Post(':id/court-decisions/:decisionId/confirm')
  @HttpCode(200)
  @Roles('fund_approver')
  @ApiOperation({
    summary: 'Confirm a court decision recorded by someone else; only confirmed decisions count (R-3.8)',
  })
  @ApiProblems({ 404: ['not-found'], 409: ['decision-already-confirmed'], 422: ['recorder-cannot-confirm'] })
  async confirmCourtDecision(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @UuidParam('decisionId') decisionId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimResponse> {
    assertActsForFund(user);
    const { claim, replayed } = await this.claims.confirmCourtDecision(user, id, decisionId);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return claim;
  }

  @Post(':id/recoveries')
  @HttpCode(201)
  @Roles('fund_officer')
  @ApiOperation({ summary: "Record money recovered from the traffickers' property (R-3.8)" })
  addRecovery(
    @CurrentUser() user: Principal,
    @UuidParam('id') id: string,
    @Body() dto: CreateRecoveryDto,
  ): Promise<ClaimResponse> {
    assertActsForFund(user);
    return this.claims.addRecovery(user, id, dto);
  }
}
