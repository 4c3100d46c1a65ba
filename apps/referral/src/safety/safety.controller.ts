import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { assertVictimRef } from '../common/victim-ref.js';
import { PutSafetyDto, SafetyResponse } from './dto/safety.dto.js';
import { SafetyService } from './safety.service.js';

@ApiTags('safety')
@ApiBearerAuth()
@Controller('v1/victims/:victimRef/safety')
export class SafetyController {
  constructor(private readonly safety: SafetyService) {}

  @Put()
  @Roles('police_duty_officer')
  @ApiOperation({
    summary:
      "Record the victim's safety assessment (R-5): risk, threats, protection measures, restricted disclosure",
    description:
      'Special police unit only. Threats and measures are encrypted at rest; only the risk level and the restriction leave, in victim.safety.changed.',
  })
  @ApiOkResponse({ type: SafetyResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 403, description: 'forbidden (not the special police unit)' })
  @ApiResponse({ status: 404, description: 'not-found' })
  async put(
    @Param('victimRef') victimRef: string,
    @Body() dto: PutSafetyDto,
    @CurrentUser() user: Principal,
  ): Promise<SafetyResponse> {
    assertVictimRef(victimRef);
    return this.safety.put(victimRef, dto, user);
  }

  @Get()
  @Roles('police_duty_officer')
  @ApiOperation({ summary: "The victim's safety assessment (R-5); every read is in the access log" })
  @ApiOkResponse({ type: SafetyResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 403, description: 'forbidden' })
  @ApiResponse({ status: 404, description: 'not-found (no victim, or no assessment yet)' })
  async get(@Param('victimRef') victimRef: string, @CurrentUser() user: Principal): Promise<SafetyResponse> {
    assertVictimRef(victimRef);
    return this.safety.get(victimRef, user);
  }
}
