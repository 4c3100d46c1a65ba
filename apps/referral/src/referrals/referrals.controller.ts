import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal, RateLimit, UuidParam } from '#shared';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '../common/idempotency-key.js';
import { CreateReferralDto } from './dto/create-referral.dto.js';
import { ListReferralsQuery } from './dto/list-referrals.query.js';
import { ReferralCreatedResponse } from './dto/referral-created.response.js';
import { ReferralPageResponse, ReferralResponse } from './dto/referral.response.js';
import { IntakeService } from './intake.service.js';
import { ReferralQueryService } from './referral-query.service.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class ReferralsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly queries: ReferralQueryService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('agency_officer')
  @RateLimit('intake')
  @ApiOperation({
    summary: 'Report a presumed victim or a detected crime (R-4.1)',
    description:
      'The special police unit is told at once (`referral.reported`). The same Idempotency-Key with the same body returns the same referral; with another body it is 422 `idempotency-key-reused`.',
  })
  @ApiCreatedResponse({ type: ReferralCreatedResponse })
  @ApiResponse({ status: 400, description: 'validation-failed: every bad field named in `errors`' })
  @ApiResponse({ status: 422, description: 'idempotency-key-reused' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  async create(
    @Body() dto: CreateReferralDto,
    @CurrentUser() user: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralCreatedResponse> {
    const { referral, replayed } = await this.intake.report(dto, user, parseIdempotencyKey(idempotencyKey));
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return ReferralCreatedResponse.of(referral);
  }

  @Get(':id')
  // @clause the National Coordinator sees aggregates only (statistics), never a single case
  @Roles('agency_officer', 'police_duty_officer', 'admin')
  @ApiOkResponse({ type: ReferralResponse })
  @ApiOperation({
    summary: "A referral's status (agency officers: their own organisation's only); never personal data",
  })
  async get(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<ReferralResponse> {
    return ReferralResponse.of(await this.queries.get(id, user), user);
  }

  @Get()
  // @clause the National Coordinator sees aggregates only (statistics), never a case-level list
  @Roles('agency_officer', 'police_duty_officer', 'admin')
  @ApiOkResponse({ type: ReferralPageResponse })
  @ApiOperation({
    summary: 'Referrals, newest first, in keyset pages; `overdue=true` lists 24-hour breaches (R-4.2)',
  })
  async list(
    @Query() query: ListReferralsQuery,
    @CurrentUser() user: Principal,
  ): Promise<ReferralPageResponse> {
    const page = await this.queries.list(query, user);
    const now = new Date();
    return Object.assign(new ReferralPageResponse(), {
      items: page.items.map((r) => ReferralResponse.of(r, user, now)),
      nextCursor: page.nextCursor,
    });
  }
}
