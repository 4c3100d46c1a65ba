import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { ReferralResponse } from '../referrals/dto/referral.response.js';
import { ClosingService } from './closing.service.js';
import { CloseReferralDto } from './dto/close.dto.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals/:id/close')
export class ClosingController {
  constructor(private readonly closing: ClosingService) {}

  @Post()
  @HttpCode(200)
  @Roles('police_duty_officer')
  @ApiOperation({
    summary: 'Close the case with a reason (R-1.3.2)',
    description:
      "Special police unit only. PERSONAL_DATA_RETENTION_DAYS later the victim's personal data is erased by crypto-shredding; GET /v1/victims/:victimRef then answers 410 personal-data-erased. Publishes referral.closed.",
  })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiResponse({ status: 400, description: 'validation-failed (reason)' })
  @ApiResponse({ status: 403, description: 'forbidden' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'illegal-transition (already closed)' })
  async close(
    @UuidParam('id') id: string,
    @Body() dto: CloseReferralDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralResponse> {
    return ReferralResponse.of(await this.closing.close(id, dto.reason, user), user);
  }
}
