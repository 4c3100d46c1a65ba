import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '#shared';
import { WaitingListQuery, WaitingListResponse } from './dto/waiting-list.response.js';
import { PlacementQueryService } from './placement-query.service.js';

@ApiTags('placements')
@ApiBearerAuth()
@Controller('v1/waiting-list')
export class WaitingListController {
  constructor(private readonly queries: PlacementQueryService) {}

  /** The shelter waiting list in serving order (admin). */
  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: WaitingListResponse })
  list(@Query() query: WaitingListQuery): Promise<WaitingListResponse> {
    return this.queries.waitingList(query.limit ?? 100);
  }
}
