import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { CreateFacilityDto } from './dto/create-facility.dto.js';
import { FacilityListResponse, FacilityResponse, OccupancyResponse } from './dto/facility.response.js';
import { ListFacilitiesQuery } from './dto/list-facilities.query.js';
import { UpdateFacilityDto } from './dto/update-facility.dto.js';
import { FacilitiesService } from './facilities.service.js';

@ApiTags('facilities')
@ApiBearerAuth()
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: FacilityResponse })
  create(@Body() dto: CreateFacilityDto): Promise<FacilityResponse> {
    return this.facilities.create(dto);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: FacilityListResponse })
  async list(@Query() query: ListFacilitiesQuery): Promise<FacilityListResponse> {
    return { items: await this.facilities.list(query) };
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: FacilityResponse })
  get(@UuidParam('id') id: string): Promise<FacilityResponse> {
    return this.facilities.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: FacilityResponse })
  update(@UuidParam('id') id: string, @Body() dto: UpdateFacilityDto): Promise<FacilityResponse> {
    return this.facilities.update(id, dto);
  }

  @Get(':id/occupancy')
  @Roles('admin', 'facility_staff', 'coordinator')
  @ApiOkResponse({ type: OccupancyResponse })
  occupancy(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<OccupancyResponse> {
    return this.facilities.occupancy(id, user);
  }
}
