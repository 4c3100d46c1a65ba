import { Module } from '@nestjs/common';
import { RosterController } from './roster.controller.js';
import { RosterRepository } from './roster.repository.js';
import { RosterService } from './roster.service.js';

@Module({
  controllers: [RosterController],
  providers: [RosterService, RosterRepository],
  exports: [RosterService],
})
export class RosterModule {}
