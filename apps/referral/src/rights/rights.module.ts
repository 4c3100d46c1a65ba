import { Module } from '@nestjs/common';
import { VictimsModule } from '../victims/victims.module.js';
import { RightsController } from './rights.controller.js';
import { RightsRepository } from './rights.repository.js';
import { RightsService } from './rights.service.js';

@Module({
  imports: [VictimsModule],
  controllers: [RightsController],
  providers: [RightsService, RightsRepository],
  exports: [RightsService],
})
export class RightsModule {}
