import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { HandoverController } from './handover.controller.js';
import { HandoverRepository } from './handover.repository.js';
import { HandoverService } from './handover.service.js';

@Module({
  imports: [ReferralsModule, RosterModule],
  controllers: [HandoverController],
  providers: [HandoverService, HandoverRepository],
})
export class HandoverModule {}
