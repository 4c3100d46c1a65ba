import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryPageResponse, DeliveryResponse } from './dto/delivery.response.js';
import { ListDeliveriesQuery } from './dto/list-deliveries.query.js';

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('v1/deliveries')
// Each delivery belongs to one case's event: not for the coordinator, who sees aggregates only.
@Roles('admin', 'operator')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  /** Newest first; each delivery with every attempt (time, outcome, response code, error). */
  @Get()
  @ApiOkResponse({ type: DeliveryPageResponse })
  list(@Query() query: ListDeliveriesQuery): Promise<DeliveryPageResponse> {
    return this.deliveries.list(query);
  }

  /** Queues a failed delivery again with a fresh budget of attempts (after the recipient was fixed). */
  @Post(':id/redrive')
  @Roles('admin', 'operator')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryResponse })
  redrive(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<DeliveryResponse> {
    return this.deliveries.redrive(id, user);
  }

  @Get(':id')
  @ApiOkResponse({ type: DeliveryResponse })
  get(@UuidParam('id') id: string): Promise<DeliveryResponse> {
    return this.deliveries.get(id);
  }
}
