import { Module } from '@nestjs/common';
import { ShelterAdmissionRequestedHandler } from './events/shelter-admission-requested.handler.js';
import { VictimLookupService } from './victim-lookup.service.js';
import { VictimDataService } from './victim-data.service.js';
import { VictimsController } from './victims.controller.js';
import { VictimsRepository } from './victims.repository.js';

@Module({
  controllers: [VictimsController],
  providers: [VictimDataService, VictimsRepository, VictimLookupService, ShelterAdmissionRequestedHandler],
  exports: [VictimsRepository, VictimLookupService],
})
export class VictimsModule {}
