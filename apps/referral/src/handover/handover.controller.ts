import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { ReferralResponse } from '../referrals/dto/referral.response.js';
import { HandoverAttemptResponse } from './dto/handover-attempt.response.js';
import { AcceptHandoverDto, DecisionDto, RequestHandoverDto } from './dto/handover.dto.js';
import { HandoverService } from './handover.service.js';

@ApiTags('handover')
@ApiBearerAuth()
@Controller('v1/referrals/:id')
export class HandoverController {
  constructor(private readonly handover: HandoverService) {}

  @Post('handover')
  @HttpCode(200)
  @Roles('agency_officer')
  @ApiOperation({
    summary: 'Hand the referral over to the special police unit duty officer (R-4.2, R-4.4)',
    description:
      'By the reporting agency. Any recipient other than MIA-SPU and its officer on duty now is 422 handover-recipient-not-allowed (R-4.5); the attempt is recorded.',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiResponse({ status: 422, description: 'handover-recipient-not-allowed (R-4.4, R-4.5)' })
  @ApiResponse({ status: 409, description: 'illegal-transition' })
  async request(
    @UuidParam('id') id: string,
    @Body() dto: RequestHandoverDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralResponse> {
    return ReferralResponse.of(await this.handover.request(id, dto, user), user);
  }

  @Post('handover/accept')
  @HttpCode(200)
  @Roles('police_duty_officer')
  @ApiOperation({
    summary:
      'The duty officer the handover was made to accepts it; after handoverDueAt it is recorded as a breach (R-4.2)',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiResponse({ status: 400, description: 'validation-failed (documentsDelivered)' })
  @ApiResponse({ status: 409, description: 'illegal-transition' })
  async accept(
    @UuidParam('id') id: string,
    @Body() dto: AcceptHandoverDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralResponse> {
    return ReferralResponse.of(await this.handover.accept(id, user, dto.documentsDelivered ?? []), user);
  }

  @Post('decision')
  @HttpCode(200)
  @Roles('police_duty_officer')
  @ApiOperation({ summary: 'Identification decision of the special police unit after the handover' })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiResponse({ status: 409, description: 'illegal-transition' })
  async decide(
    @UuidParam('id') id: string,
    @Body() dto: DecisionDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralResponse> {
    return ReferralResponse.of(await this.handover.decide(id, dto.outcome, user), user);
  }

  @Get('handover-attempts')
  @Roles('police_duty_officer', 'admin', 'agency_officer')
  @ApiOperation({ summary: 'Every handover request of the referral, allowed or refused (R-4.5 audit)' })
  @ApiOkResponse({ type: [HandoverAttemptResponse] })
  async attempts(
    @UuidParam('id') id: string,
    @CurrentUser() user: Principal,
  ): Promise<HandoverAttemptResponse[]> {
    return (await this.handover.listAttempts(id, user)).map((a) => HandoverAttemptResponse.of(a));
  }
}
