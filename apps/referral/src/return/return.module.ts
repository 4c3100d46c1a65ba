import { Module } from '@nestjs/common';
import { VictimsModule } from '../victims/victims.module.js';
import { ReturnController } from './return.controller.js';
import { ReturnService } from './return.service.js';

/** Foreign victims' return to their country (R-1.2). */
@Module({
  imports: [VictimsModule],
  controllers: [ReturnController],
  providers: [ReturnService],
})
export class ReturnModule {}
