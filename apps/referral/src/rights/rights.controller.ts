import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { assertVictimRef } from '../common/victim-ref.js';
import {
  CreateLegalAidProviderDto,
  LegalAidProviderResponse,
  ProvidersQuery,
} from './dto/legal-aid-provider.dto.js';
import { RecordRightsInformationDto, RightsInformationResponse } from './dto/rights-information.dto.js';
import { RightsService } from './rights.service.js';

@ApiTags('rights information')
@ApiBearerAuth()
@Controller('v1')
export class RightsController {
  constructor(private readonly rights: RightsService) {}

  @Post('legal-aid-providers')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a free legal aid provider to the directory (admin, R-3.1)' })
  @ApiCreatedResponse({ type: LegalAidProviderResponse })
  async addProvider(@Body() dto: CreateLegalAidProviderDto): Promise<LegalAidProviderResponse> {
    return LegalAidProviderResponse.of(await this.rights.addProvider(dto));
  }

  @Get('legal-aid-providers')
  @Roles('admin', 'agency_officer', 'police_duty_officer', 'facility_staff', 'coordinator')
  @ApiOperation({ summary: 'Directory of free legal aid providers (R-3.1)' })
  @ApiOkResponse({ type: [LegalAidProviderResponse] })
  async providers(@Query() query: ProvidersQuery): Promise<LegalAidProviderResponse[]> {
    return (await this.rights.providers(query)).map((p) => LegalAidProviderResponse.of(p));
  }

  @Post('victims/:victimRef/rights-information')
  @Roles('police_duty_officer', 'agency_officer')
  @ApiOperation({
    summary: 'Record that the victim was informed of free legal aid and its providers (R-3.1)',
    description:
      'By the special police unit duty officer or the reporting agency (NGO) officer; records who, when and in which language.',
  })
  @ApiCreatedResponse({ type: RightsInformationResponse })
  async record(
    @Param('victimRef') victimRef: string,
    @Body() dto: RecordRightsInformationDto,
    @CurrentUser() user: Principal,
  ): Promise<RightsInformationResponse> {
    assertVictimRef(victimRef);
    return RightsInformationResponse.of(
      await this.rights.recordInformed(victimRef, dto.providerId, dto.language, user),
    );
  }

  @Get('victims/:victimRef/rights-information')
  @Roles('police_duty_officer', 'agency_officer')
  @ApiOperation({
    summary: 'When, by whom and in which language the victim was informed of free legal aid (R-3.1)',
  })
  @ApiOkResponse({ type: [RightsInformationResponse] })
  async list(
    @Param('victimRef') victimRef: string,
    @CurrentUser() user: Principal,
  ): Promise<RightsInformationResponse[]> {
    assertVictimRef(victimRef);
    return (await this.rights.informed(victimRef, user)).map((r) => RightsInformationResponse.of(r));
  }
}
