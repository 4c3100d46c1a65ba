import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#shared';
import { CreateOrganisationDto } from './dto/create-organisation.dto.js';
import { OrganisationResponse } from './dto/organisation.response.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add an NGO or international organisation (admin)' })
  @ApiCreatedResponse({ type: OrganisationResponse })
  async create(@Body() dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return OrganisationResponse.of(await this.organisations.create(dto));
  }

  @Get()
  @Roles('admin', 'coordinator', 'police_duty_officer', 'agency_officer')
  @ApiOperation({
    summary: 'All organisations: the seeded commission bodies, MIA-SPU, FUND, NC and added ones',
  })
  @ApiOkResponse({ type: [OrganisationResponse] })
  async list(): Promise<OrganisationResponse[]> {
    return (await this.organisations.list()).map((o) => OrganisationResponse.of(o));
  }
}
