import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { assertVictimRef } from '../common/victim-ref.js';
import { OpenReturnDto, ReturnResponse, ReturnTransitionDto } from './dto/return.dto.js';
import { ReturnService } from './return.service.js';

@ApiTags('return')
@ApiBearerAuth()
@Controller('v1/victims/:victimRef/return')
export class ReturnController {
  constructor(private readonly returns: ReturnService) {}

  @Post()
  @HttpCode(200)
  @Roles('police_duty_officer')
  @ApiOperation({
    summary: "Open a foreign victim's return case, or record a change of their wish (R-1.2)",
    description:
      'Special police unit only; citizenship other than AZ. Nothing progresses unless the victim wishes to return; MFA and SMS (and SBS once travel is arranged) are told through victim.return.changed only then.',
  })
  @ApiOkResponse({ type: ReturnResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 403, description: 'forbidden' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'illegal-transition (the case is closed)' })
  @ApiResponse({ status: 422, description: 'not-a-foreign-victim' })
  async open(
    @Param('victimRef') victimRef: string,
    @Body() dto: OpenReturnDto,
    @CurrentUser() user: Principal,
  ): Promise<ReturnResponse> {
    assertVictimRef(victimRef);
    const { c } = await this.returns.open(victimRef, dto, user);
    return ReturnResponse.of(c, victimRef);
  }

  @Get()
  @Roles('police_duty_officer')
  @ApiOperation({ summary: "The victim's return case (R-1.2)" })
  @ApiOkResponse({ type: ReturnResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 403, description: 'forbidden' })
  @ApiResponse({ status: 404, description: 'not-found' })
  async get(@Param('victimRef') victimRef: string, @CurrentUser() user: Principal): Promise<ReturnResponse> {
    assertVictimRef(victimRef);
    const { c } = await this.returns.get(victimRef, user);
    return ReturnResponse.of(c, victimRef);
  }

  @Post('transitions')
  @HttpCode(200)
  @Roles('police_duty_officer')
  @ApiOperation({
    summary: 'Move the return case on: documents_ready → travel_arranged → returned, or cancelled (R-1.2)',
  })
  @ApiOkResponse({ type: ReturnResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 403, description: 'forbidden' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({
    status: 409,
    description: "illegal-transition; against-victims-wish (the victim's wish is not return)",
  })
  async transition(
    @Param('victimRef') victimRef: string,
    @Body() dto: ReturnTransitionDto,
    @CurrentUser() user: Principal,
  ): Promise<ReturnResponse> {
    assertVictimRef(victimRef);
    const { c } = await this.returns.transition(victimRef, dto, user);
    return ReturnResponse.of(c, victimRef);
  }
}
