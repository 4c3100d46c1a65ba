import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { CreatePlanDto } from './dto/create-plan.dto.js';
import { ListPlansQuery } from './dto/list-plans.query.js';
import { PlanListResponse, PlanResponse, PlanRevisionListResponse } from './dto/plan.response.js';
import { UpdatePlanDto } from './dto/update-plan.dto.js';
import { PlansService } from './plans.service.js';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/plans')
@Roles('facility_staff')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: PlanResponse })
  create(@Body() dto: CreatePlanDto, @CurrentUser() user: Principal): Promise<PlanResponse> {
    return this.plans.create(dto, user);
  }

  @Get()
  @ApiOkResponse({ type: PlanListResponse })
  async list(@Query() query: ListPlansQuery, @CurrentUser() user: Principal): Promise<PlanListResponse> {
    return { items: await this.plans.list(query, user) };
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanResponse })
  get(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<PlanResponse> {
    return this.plans.get(id, user);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PlanResponse })
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdatePlanDto,
    @CurrentUser() user: Principal,
  ): Promise<PlanResponse> {
    return this.plans.update(id, dto, user);
  }

  @Get(':id/revisions')
  @ApiOkResponse({ type: PlanRevisionListResponse })
  async revisions(
    @UuidParam('id') id: string,
    @CurrentUser() user: Principal,
  ): Promise<PlanRevisionListResponse> {
    return { items: await this.plans.revisions(id, user) };
  }
}
