import { Module } from '@nestjs/common';
import { VictimConsentsRepository } from './victim-consents.repository.js';

/** The local view of victims' latest consent decisions, shared by placement and the consent handler. */
@Module({
  providers: [VictimConsentsRepository],
  exports: [VictimConsentsRepository],
})
export class ConsentViewModule {}
