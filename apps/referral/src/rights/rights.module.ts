import { Module } from '@nestjs/common';
import { VictimsModule } from '../victims/victims.module.js';
import { RightsController } from './rights.controller.js';
import { RightsService } from './rights.service.js';

@Module({ imports: [VictimsModule], controllers: [RightsController], providers: [RightsService] })
export class RightsModule {}
