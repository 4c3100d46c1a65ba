import { Module } from '@nestjs/common';
import { VictimsModule } from '../victims/victims.module.js';
import { SafetyController } from './safety.controller.js';
import { SafetyRepository } from './safety.repository.js';
import { SafetyService } from './safety.service.js';

/** Victims' safety (R-5). */
@Module({
  imports: [VictimsModule],
  controllers: [SafetyController],
  providers: [SafetyService, SafetyRepository],
})
export class SafetyModule {}
