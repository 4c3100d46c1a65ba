import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { assertVictimRef } from '../common/victim-ref.js';
import { ConsentResponse, ConsentsResponse, RecordConsentDto } from './dto/consent.dto.js';
import { ConsentsService } from './consents.service.js';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/victims/:victimRef/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post()
  @Roles('police_duty_officer', 'agency_officer')
  @ApiOperation({
    summary: "Record the victim's consent for a purpose, or its withdrawal (R-3.3, R-6.5)",
    description:
      "By the special police unit duty officer or the reporting agency's officer. The latest record per purpose wins; history is kept.",
  })
  @ApiCreatedResponse({ type: ConsentResponse })
  async record(
    @Param('victimRef') victimRef: string,
    @Body() dto: RecordConsentDto,
    @CurrentUser() user: Principal,
  ): Promise<ConsentResponse> {
    assertVictimRef(victimRef);
    return ConsentResponse.of(await this.consents.record(victimRef, dto, user));
  }

  @Get()
  @Roles('police_duty_officer', 'agency_officer')
  @ApiOperation({ summary: 'Consents in force and their full history' })
  @ApiOkResponse({ type: ConsentsResponse })
  async list(
    @Param('victimRef') victimRef: string,
    @CurrentUser() user: Principal,
  ): Promise<ConsentsResponse> {
    assertVictimRef(victimRef);
    const { current, history } = await this.consents.list(victimRef, user);
    return Object.assign(new ConsentsResponse(), {
      current: current.map((c) => ConsentResponse.of(c)),
      history: history.map((c) => ConsentResponse.of(c)),
    });
  }
}
