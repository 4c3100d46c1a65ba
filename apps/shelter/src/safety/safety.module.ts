import { Module } from '@nestjs/common';
import { SafetyChangedHandler } from './events/safety-changed.handler.js';
import { VictimSafetyRepository } from './victim-safety.repository.js';

/** Victims' safety as placement needs it (R-5): the latest risk level per victim. */
@Module({
  controllers: [SafetyChangedHandler],
  providers: [VictimSafetyRepository],
  exports: [VictimSafetyRepository],
})
export class SafetyModule {}
