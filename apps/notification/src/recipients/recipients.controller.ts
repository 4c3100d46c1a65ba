import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal, UuidParam } from '#shared';
import { CreateRecipientDto } from './dto/create-recipient.dto.js';
import { ListRecipientsQuery } from './dto/list-recipients.query.js';
import { RecipientPageResponse, RecipientResponse } from './dto/recipient.response.js';
import { RecipientsService } from './recipients.service.js';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('v1/recipients')
@Roles('admin')
export class RecipientsController {
  constructor(private readonly recipients: RecipientsService) {}

  @Post()
  @ApiCreatedResponse({ type: RecipientResponse })
  create(@Body() dto: CreateRecipientDto, @CurrentUser() user: Principal): Promise<RecipientResponse> {
    return this.recipients.create(dto, user);
  }

  @Get()
  @ApiOkResponse({ type: RecipientPageResponse })
  list(@Query() query: ListRecipientsQuery): Promise<RecipientPageResponse> {
    return this.recipients.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: RecipientResponse })
  get(@UuidParam('id') id: string): Promise<RecipientResponse> {
    return this.recipients.get(id);
  }

  /**
   * Stops sending to a recipient: what it has not received yet is cancelled (or waits for another
   * recipient of its organisation); its delivery log is kept.
   */
  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: RecipientResponse })
  deactivateRecipient(
    @UuidParam('id') id: string,
    @CurrentUser() user: Principal,
  ): Promise<RecipientResponse> {
    return this.recipients.deactivate(id, user);
  }

  /** Sends to the recipient again (circuit closed); events waiting for its organisation are planned. */
  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: RecipientResponse })
  reactivate(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<RecipientResponse> {
    return this.recipients.reactivate(id, user);
  }

  /** Same as `POST :id/deactivate`, answering 204. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async deactivate(@UuidParam('id') id: string, @CurrentUser() user: Principal): Promise<void> {
    await this.recipients.deactivate(id, user);
  }
}
