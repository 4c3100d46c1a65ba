import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { ClosingController } from './closing.controller.js';
import { ClosingService } from './closing.service.js';
import { ErasureRepository } from './erasure.repository.js';
import { ErasureWorker } from './erasure.worker.js';

/** Closing cases and erasing personal data after the retention period. */
@Module({
  imports: [ReferralsModule],
  controllers: [ClosingController],
  providers: [ClosingService, ErasureRepository, ErasureWorker],
})
export class ClosingModule {}
