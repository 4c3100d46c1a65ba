import { Module } from '@nestjs/common';
import { PayoutsModule } from '../payouts/payouts.module.js';
import { BankReportsController } from './bank-reports.controller.js';
import { BatchesController } from './batches.controller.js';
import { BatchesService } from './batches.service.js';

@Module({
  imports: [PayoutsModule],
  controllers: [BatchesController, BankReportsController],
  providers: [BatchesService],
})
export class BatchesModule {}
