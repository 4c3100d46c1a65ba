import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { AddPersonDto } from './dto/add-person.dto.js';
import { ReferralResponse } from './dto/referral.response.js';
import { PersonService } from './person.service.js';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals/:id/person')
export class PersonController {
  constructor(private readonly persons: PersonService) {}

  @Post()
  @HttpCode(200)
  @Roles('police_duty_officer')
  @ApiOperation({
    summary: 'Add the person identified after a detected crime was reported without one (R-4.1)',
    description:
      "Special police unit duty officer only. Creates the victim record under the referral's victimRef; until then there is none.",
  })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  @ApiResponse({ status: 403, description: 'forbidden' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'person-already-known' })
  async add(
    @UuidParam('id') id: string,
    @Body() dto: AddPersonDto,
    @CurrentUser() user: Principal,
  ): Promise<ReferralResponse> {
    return ReferralResponse.of(await this.persons.add(id, dto, user), user);
  }
}
