import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from '../common/idempotency-key.js';
import { assertVictimRef } from '../common/victim-ref.js';
import {
  CompleteServiceRequestDto,
  CreateServiceRequestDto,
  DeclineServiceRequestDto,
  ListServiceRequestsQuery,
  ReaddressServiceRequestDto,
  ServiceRequestPageResponse,
  ServiceRequestResponse,
} from './dto/service-request.dto.js';
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
      'Request shelter, medical, psychological, legal aid or rehabilitation for the victim, addressed to its provider (R-3.3, R-3.4, R-3.1, R-6.1)',
    description:
      "By the special police unit duty officer or the reporting agency's officer. 409 consent-required without the victim's current consent for the service (R-3.3, R-6.5). Medical aid goes to MOH unless another registered provider is named; legal aid to a named provider of the legal-aid directory; psychological aid and rehabilitation to a named assistance centre or NGO. Publishes service.requested with the victimRef, the provider and a minimal profile, never a name.",
  })
  @ApiCreatedResponse({ type: ServiceRequestResponse })
  @ApiResponse({ status: 400, description: 'validation-failed (providerOrg missing where required, …)' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'consent-required (R-3.3, R-6.5)' })
  @ApiResponse({ status: 422, description: 'provider-not-allowed (R-3.1, R-3.3); idempotency-key-reused' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  async create(
    @Param('victimRef') victimRef: string,
    @Body() dto: CreateServiceRequestDto,
    @CurrentUser() user: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ServiceRequestResponse> {
    assertVictimRef(victimRef);
    const { request, replayed } = await this.requests.request(
      victimRef,
      dto,
      user,
      parseIdempotencyKey(idempotencyKey),
    );
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return ServiceRequestResponse.of(request);
  }
}

@ApiTags('service requests')
@ApiBearerAuth()
@Controller('v1/service-requests')
export class ServiceRequestAnswersController {
  constructor(private readonly requests: ServiceRequestsService) {}

  @Get()
  @Roles('police_duty_officer', 'agency_officer', 'service_provider', 'facility_staff')
  @ApiOperation({
    summary:
      "Service requests and their status: the duty officer all, an agency its referrals', a provider those addressed to it",
  })
  @ApiOkResponse({ type: ServiceRequestPageResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 403, description: "forbidden (a provider asking for another provider's requests)" })
  async list(
    @Query() query: ListServiceRequestsQuery,
    @CurrentUser() user: Principal,
  ): Promise<ServiceRequestPageResponse> {
    const page = await this.requests.list(query, user);
    return Object.assign(new ServiceRequestPageResponse(), {
      items: page.items.map((r) => ServiceRequestResponse.of(r)),
      nextCursor: page.nextCursor,
    });
  }

  @Get(':id')
  @Roles('police_duty_officer', 'agency_officer', 'service_provider', 'facility_staff')
  @ApiOperation({ summary: 'One service request and its status' })
  @ApiOkResponse({ type: ServiceRequestResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 404, description: 'not-found' })
  async get(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<ServiceRequestResponse> {
    return ServiceRequestResponse.of(await this.requests.get(id, user));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('service_provider', 'facility_staff')
  @ApiOperation({ summary: 'The provider the request is addressed to takes it on (R-3.3, R-3.4, R-3.1)' })
  @ApiOkResponse({ type: ServiceRequestResponse })
  @ApiResponse({ status: 404, description: 'not-found (also: addressed to another provider)' })
  @ApiResponse({
    status: 409,
    description: "illegal-transition; consent-required (the victim's consent was withdrawn)",
  })
  async accept(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<ServiceRequestResponse> {
    return ServiceRequestResponse.of(await this.requests.answer(id, { action: 'accept' }, user));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('service_provider', 'facility_staff')
  @ApiOperation({ summary: 'The provider declines the request (a reason code); it can then be re-addressed' })
  @ApiOkResponse({ type: ServiceRequestResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'illegal-transition' })
  async decline(
    @UuidParam('id') id: string,
    @Body() dto: DeclineServiceRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ServiceRequestResponse> {
    return ServiceRequestResponse.of(
      await this.requests.answer(id, { action: 'decline', reason: dto.reason }, user),
    );
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('service_provider', 'facility_staff')
  @ApiOperation({ summary: 'The provider gave the service' })
  @ApiOkResponse({ type: ServiceRequestResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'illegal-transition' })
  async complete(
    @UuidParam('id') id: string,
    @Body() dto: CompleteServiceRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ServiceRequestResponse> {
    return ServiceRequestResponse.of(
      await this.requests.answer(id, { action: 'complete', outcome: dto.outcome }, user),
    );
  }

  @Post(':id/readdress')
  @HttpCode(200)
  @Roles('police_duty_officer', 'agency_officer')
  @ApiOperation({
    summary: 'Address a declined request to another provider (publishes service.requested again)',
  })
  @ApiOkResponse({ type: ServiceRequestResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'illegal-transition (not declined); consent-required' })
  @ApiResponse({ status: 422, description: 'provider-not-allowed (unknown, or it already declined)' })
  async readdress(
    @UuidParam('id') id: string,
    @Body() dto: ReaddressServiceRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ServiceRequestResponse> {
    return ServiceRequestResponse.of(await this.requests.readdress(id, dto, user));
  }
}
