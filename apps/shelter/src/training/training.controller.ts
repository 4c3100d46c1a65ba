import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { CreateProgrammeDto } from './dto/create-programme.dto.js';
import { EnrolDto } from './dto/enrol.dto.js';
import {
  EnrolmentListResponse,
  EnrolmentResponse,
  ProgrammeListResponse,
  ProgrammeResponse,
} from './dto/training.response.js';
import { TrainingService } from './training.service.js';

@ApiTags('training-programmes')
@ApiBearerAuth()
@Controller('v1/training-programmes')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: ProgrammeResponse })
  create(@Body() dto: CreateProgrammeDto): Promise<ProgrammeResponse> {
    return this.training.createProgramme(dto);
  }

  @Get()
  @Roles('admin', 'facility_staff', 'coordinator')
  @ApiOkResponse({ type: ProgrammeListResponse })
  async list(): Promise<ProgrammeListResponse> {
    return { items: await this.training.listProgrammes() };
  }

  @Get(':id')
  @Roles('admin', 'facility_staff', 'coordinator')
  @ApiOkResponse({ type: ProgrammeResponse })
  get(@UuidParam('id') id: string): Promise<ProgrammeResponse> {
    return this.training.getProgramme(id);
  }

  @Post(':id/enrolments')
  @HttpCode(201)
  @Roles('facility_staff')
  @ApiCreatedResponse({ type: EnrolmentResponse })
  enrol(
    @UuidParam('id') id: string,
    @Body() dto: EnrolDto,
    @CurrentUser() user: Principal,
  ): Promise<EnrolmentResponse> {
    return this.training.enrol(id, dto, user);
  }

  @Get(':id/enrolments')
  @Roles('admin', 'facility_staff')
  @ApiOkResponse({ type: EnrolmentListResponse })
  async enrolments(
    @UuidParam('id') id: string,
    @CurrentUser() user: Principal,
  ): Promise<EnrolmentListResponse> {
    return { items: await this.training.listEnrolments(id, user) };
  }

  @Post(':id/enrolments/:enrolmentId/complete')
  @HttpCode(200)
  @Roles('facility_staff')
  @ApiOkResponse({ type: EnrolmentResponse })
  complete(
    @UuidParam('id') id: string,
    @UuidParam('enrolmentId') enrolmentId: string,
    @CurrentUser() user: Principal,
  ): Promise<EnrolmentResponse> {
    return this.training.complete(id, enrolmentId, user);
  }

  @Post(':id/enrolments/:enrolmentId/withdraw')
  @HttpCode(200)
  @Roles('facility_staff')
  @ApiOkResponse({ type: EnrolmentResponse })
  withdraw(
    @UuidParam('id') id: string,
    @UuidParam('enrolmentId') enrolmentId: string,
    @CurrentUser() user: Principal,
  ): Promise<EnrolmentResponse> {
    return this.training.withdraw(id, enrolmentId, user);
  }
}
