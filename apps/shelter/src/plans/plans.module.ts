import { Module } from '@nestjs/common';
import { ConsentViewModule } from '../consent/consent-view.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { PlansController } from './plans.controller.js';
import { PlansRepository } from './plans.repository.js';
import { PlansService } from './plans.service.js';

@Module({
  imports: [FacilitiesModule, ConsentViewModule],
  controllers: [PlansController],
  providers: [PlansRepository, PlansService],
  exports: [PlansService],
})
export class PlansModule {}
