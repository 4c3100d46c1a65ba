import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PayoutLifecycleService } from './payout-lifecycle.service.js';
import { PayoutMetrics } from './payout-metrics.js';
import { PayoutsController } from './payouts.controller.js';
import { PayoutsRepository } from './payouts.repository.js';
import { PayoutsService } from './payouts.service.js';
import { PayoutViews } from './payout-views.js';
import { ReceiptsService } from './receipts.service.js';

@Module({
  imports: [ClaimsModule, LedgerModule],
  controllers: [PayoutsController],
  providers: [
    PayoutMetrics,
    PayoutViews,
    PayoutsService,
    PayoutLifecycleService,
    PayoutsRepository,
    ReceiptsService,
  ],
  exports: [PayoutLifecycleService],
})
export class PayoutsModule {}
