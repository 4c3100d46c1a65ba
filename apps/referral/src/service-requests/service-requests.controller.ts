import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { assertVictimRef } from '../common/victim-ref.js';
import { CreateServiceRequestDto, ServiceRequestResponse } from './dto/service-request.dto.js';
import { ServiceRequestsService } from './service-requests.service.js';

@ApiTags('service requests')
@ApiBearerAuth()
@Controller('v1/victims/:victimRef/service-requests')
export class ServiceRequestsController {
  constructor(private readonly requests: ServiceRequestsService) {}

  @Post()
  @Roles('police_duty_officer', 'agency_officer')
  @ApiOperation({
    summary:
      'Request shelter, medical, psychological, legal aid or rehabilitation for the victim (R-3.3, R-3.4, R-6.1)',
    description:
      "By the special police unit duty officer or the reporting agency's officer. 409 consent-required without the victim's current consent for the service (R-3.3, R-6.5). Publishes service.requested with the victimRef and a minimal profile, never a name.",
  })
  @ApiCreatedResponse({ type: ServiceRequestResponse })
  @ApiResponse({ status: 409, description: 'consent-required (R-3.3, R-6.5)' })
  async create(
    @Param('victimRef') victimRef: string,
    @Body() dto: CreateServiceRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ServiceRequestResponse> {
    assertVictimRef(victimRef);
    return ServiceRequestResponse.of(await this.requests.request(victimRef, dto, user), victimRef);
  }
}
