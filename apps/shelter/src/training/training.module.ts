import { Module } from '@nestjs/common';
import { ConsentViewModule } from '../consent/consent-view.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { TrainingController } from './training.controller.js';
import { TrainingRepository } from './training.repository.js';
import { TrainingService } from './training.service.js';

@Module({
  imports: [FacilitiesModule, ConsentViewModule],
  controllers: [TrainingController],
  providers: [TrainingRepository, TrainingService],
  exports: [TrainingService],
})
export class TrainingModule {}
