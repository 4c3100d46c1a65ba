import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { DeclinePlacementDto } from './dto/decline-placement.dto.js';
import { ListPlacementsQuery } from './dto/list-placements.query.js';
import { PlacementPageResponse, PlacementResponse } from './dto/placement.response.js';
import { PlacementLifecycleService } from './placement-lifecycle.service.js';
import { PlacementQueryService } from './placement-query.service.js';

@ApiTags('placements')
@ApiBearerAuth()
@Controller('v1/placements')
export class PlacementsController {
  constructor(
    private readonly lifecycle: PlacementLifecycleService,
    private readonly queries: PlacementQueryService,
  ) {}

  @Get()
  @Roles('admin', 'facility_staff')
  @ApiOkResponse({ type: PlacementPageResponse })
  list(@Query() query: ListPlacementsQuery, @CurrentUser() user: Principal): Promise<PlacementPageResponse> {
    return this.queries.list(query, user);
  }

  @Get(':id')
  @Roles('admin', 'facility_staff')
  @ApiOkResponse({ type: PlacementResponse })
  get(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<PlacementResponse> {
    return this.queries.get(id, user);
  }

  @Post(':id/admit')
  @HttpCode(200)
  @Roles('facility_staff')
  @ApiOkResponse({ type: PlacementResponse })
  admit(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<PlacementResponse> {
    return this.lifecycle.admit(id, user);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('facility_staff')
  @ApiOkResponse({ type: PlacementResponse })
  decline(
    @UuidParam('id') id: string,
    @Body() dto: DeclinePlacementDto,
    @CurrentUser() user: Principal,
  ): Promise<PlacementResponse> {
    return this.lifecycle.decline(id, dto.reason, user);
  }

  @Post(':id/discharge')
  @HttpCode(200)
  @Roles('facility_staff')
  @ApiOkResponse({ type: PlacementResponse })
  discharge(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<PlacementResponse> {
    return this.lifecycle.discharge(id, user);
  }
}
