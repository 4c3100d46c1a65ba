import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#shared';
import { DutyRosterResponse, DutyShiftResponse } from './dto/duty-shift.response.js';
import { PutDutyRosterDto } from './dto/put-duty-roster.dto.js';
import { RosterService } from './roster.service.js';

@ApiTags('duty roster')
@ApiBearerAuth()
@Controller('v1/duty-roster')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Set the special police unit duty roster for the period the shifts span (admin)' })
  @ApiOkResponse({ type: DutyRosterResponse })
  async put(@Body() dto: PutDutyRosterDto, @CurrentUser() user: Principal): Promise<DutyRosterResponse> {
    const shifts = await this.roster.replace(dto, user);
    return Object.assign(new DutyRosterResponse(), { shifts: shifts.map((s) => DutyShiftResponse.of(s)) });
  }

  @Get('current')
  @Roles('admin', 'agency_officer', 'police_duty_officer', 'coordinator')
  @ApiOperation({
    summary: 'The duty officer on duty now: the only person a handover may go to (R-4.4); 404 if none',
  })
  @ApiOkResponse({ type: DutyShiftResponse })
  async current(): Promise<DutyShiftResponse> {
    return DutyShiftResponse.of(await this.roster.requireCurrent());
  }
}
