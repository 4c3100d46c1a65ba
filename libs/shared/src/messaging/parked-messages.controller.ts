import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.js';
import { commonErrors } from '../errors/domain-error.js';
import { SERVICE_NAME } from '../platform/tokens.js';
import { AmqpConnection } from './amqp-connection.js';
import { listParkedMessages, replayParkedMessages, type ParkedMessage } from './parked-messages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The operator's view of this service's parked messages (`<service>.events.dlq`): list them with
 * their reason, and replay one or all onto the service's own queue once the cause is fixed.
 */
@ApiTags('parked-messages')
@ApiBearerAuth()
@Controller('v1/parked-messages')
export class ParkedMessagesController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly amqp: AmqpConnection,
  ) {}

  @Roles('operator')
  @Get()
  @ApiOkResponse({ description: '{ total, items: [{ id, type, reason, parkedAt, attempts }] }' })
  async list(@Query('limit') limit?: string): Promise<{ total: number; items: ParkedMessage[] }> {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw commonErrors.error('validation-failed', 'Invalid fields: limit', [
        { field: 'limit', message: 'must be an integer from 1 to 1000' },
      ]);
    return this.withBroker((amqp) => amqp.withChannel((ch) => listParkedMessages(ch, this.service, n)));
  }

  @Roles('operator')
  @Post(':id/replay')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ replayed: [id] }: put back on the service’s own queue' })
  async replay(@Param('id') id: string): Promise<{ replayed: string[] }> {
    if (!UUID.test(id))
      throw commonErrors.error('validation-failed', 'Invalid fields: id', [
        { field: 'id', message: 'must be a UUID' },
      ]);
    const result = await this.withBroker((amqp) =>
      amqp.withChannel((ch) => replayParkedMessages(ch, this.service, { id })),
    );
    if (result.replayed.length === 0) throw commonErrors.error('not-found', 'No parked message has this id');
    return result;
  }

  private async withBroker<R>(work: (amqp: AmqpConnection) => Promise<R>): Promise<R> {
    if (!this.amqp.connected) throw Object.assign(new Error('rabbitmq not connected'), { statusCode: 503 });
    return work(this.amqp);
  }
}
