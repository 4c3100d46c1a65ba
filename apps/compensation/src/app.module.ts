import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import { BatchesModule } from './batches/batches.module.js';
import { DatabaseBusyInterceptor } from './common/database-busy.interceptor.js';
import { LedgerGate } from './common/ledger-gate.js';
import { ClaimsModule } from './claims/claims.module.js';
import type { CompensationConfig } from './config/compensation.config.js';
import { compensationDatabase } from './database/database.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { PaymentDataModule } from './payment-data/payment-data.module.js';
import { PayoutsModule } from './payouts/payouts.module.js';

/** Pieces every capability of this service shares. */
@Global()
@Module({
  providers: [LedgerGate, { provide: APP_INTERCEPTOR, useClass: DatabaseBusyInterceptor }],
  exports: [LedgerGate],
})
class CompensationCommonModule {}

/** Root module of the compensation service: claims, the Fund's ledger, payouts and bank batches. */
@Module({})
export class AppModule {
  static register(config: CompensationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          service: 'compensation',
          config,
          database: compensationDatabase,
          logger,
        }),
        CompensationCommonModule,
        PaymentDataModule,
        ClaimsModule,
        LedgerModule,
        PayoutsModule,
        BatchesModule,
      ],
    };
  }
}
