import { Module } from '@nestjs/common';
import { ReadModelHandler } from './events/read-model.handler.js';
import { ReadModelRepository } from './read-model.repository.js';
import { ReadModelService } from './read-model.service.js';

/** The pseudonymous read model, fed only by events. */
@Module({
  controllers: [ReadModelHandler],
  providers: [ReadModelRepository, ReadModelService],
})
export class ReadModelModule {}
