import { Module } from '@nestjs/common';
import { FacilityAccessHandler } from './events/facility-access.handler.js';
import { VictimLookupService } from './victim-lookup.service.js';
import { VictimDataService } from './victim-data.service.js';
import { VictimsController } from './victims.controller.js';
import { VictimsRepository } from './victims.repository.js';

@Module({
  controllers: [VictimsController, FacilityAccessHandler],
  providers: [VictimDataService, VictimsRepository, VictimLookupService],
  exports: [VictimsRepository, VictimLookupService],
})
export class VictimsModule {}
