import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#shared';
import { ReferralStatisticsResponse, StatisticsQuery } from './dto/statistics.dto.js';
import { ReferralQueryService } from './referral-query.service.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/statistics/referrals')
export class StatisticsController {
  constructor(private readonly queries: ReferralQueryService) {}

  @Get()
  @Roles('coordinator', 'admin', 'police_duty_officer')
  @ApiOperation({ summary: 'Yearly referral counts for the National Coordinator (R-2.4): aggregates only' })
  @ApiOkResponse({ type: ReferralStatisticsResponse })
  async get(@Query() query: StatisticsQuery): Promise<ReferralStatisticsResponse> {
    const stats = await this.queries.statistics(query.year ?? new Date().getUTCFullYear());
    return Object.assign(new ReferralStatisticsResponse(), stats);
  }
}
