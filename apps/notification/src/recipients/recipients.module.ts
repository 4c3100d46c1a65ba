import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { RecipientsController } from './recipients.controller.js';
import { RecipientsRepository } from './recipients.repository.js';
import { RecipientsService } from './recipients.service.js';

@Module({
  imports: [ChannelsModule],
  controllers: [RecipientsController],
  providers: [RecipientsRepository, RecipientsService],
  exports: [RecipientsService, RecipientsRepository],
})
export class RecipientsModule {}
