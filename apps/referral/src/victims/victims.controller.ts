import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { assertVictimRef } from '../common/victim-ref.js';
import { ReadVictimQuery } from './dto/read-victim.query.js';
import { AccessLogEntryResponse, VictimResponse } from './dto/victim.response.js';
import { VictimDataService } from './victim-data.service.js';

@ApiTags('victims')
@ApiBearerAuth()
@Controller('v1/victims/:victimRef')
export class VictimsController {
  constructor(private readonly victims: VictimDataService) {}

  @Get()
  @Roles('police_duty_officer', 'facility_staff')
  @ApiOperation({
    summary: "A victim's personal data (R-1.3.2): every read is written to the access log",
    description:
      'Special police unit duty officers read everything; staff of a facility asked to admit the victim read name and birth date only (R-3.5). A purpose is required.',
  })
  @ApiHeader({ name: 'X-Access-Purpose', required: false })
  @ApiOkResponse({ type: VictimResponse })
  async read(
    @Param('victimRef') victimRef: string,
    @Query() query: ReadVictimQuery,
    @Headers('x-access-purpose') purposeHeader: string | undefined,
    @CurrentUser() user: Principal,
  ): Promise<VictimResponse> {
    assertVictimRef(victimRef);
    return this.victims.read(victimRef, user, query.purpose ?? purposeHeader, query.fields);
  }

  @Get('access-log')
  @Roles('police_duty_officer', 'admin')
  @ApiOperation({ summary: "Who read this victim's data, when, which fields and why (R-1.3.2)" })
  @ApiOkResponse({ type: [AccessLogEntryResponse] })
  async accessLog(
    @Param('victimRef') victimRef: string,
    @CurrentUser() user: Principal,
  ): Promise<AccessLogEntryResponse[]> {
    assertVictimRef(victimRef);
    return (await this.victims.accessLog(victimRef, user)).map((e) =>
      Object.assign(new AccessLogEntryResponse(), {
        at: e.accessedAt.toISOString(),
        actorSub: e.actorSub,
        actorRole: e.actorRole,
        actorOrg: e.actorOrg,
        fields: e.fields,
        purpose: e.purpose,
        outcome: e.outcome,
      }),
    );
  }
}
