import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import { BatchesModule } from './batches/batches.module.js';
import { ClaimsModule } from './claims/claims.module.js';
import type { CompensationConfig } from './config/compensation.config.js';
import { compensationDatabase } from './database/database.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { PaymentDataModule } from './payment-data/payment-data.module.js';
import { PayoutsModule } from './payouts/payouts.module.js';

/** Root module of the compensation service: claims, the Fund's ledger, payouts and bank batches. */
@Module({})
export class AppModule {
  static register(config: CompensationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ service: 'compensation', config, database: compensationDatabase, logger }),
        PaymentDataModule,
        ClaimsModule,
        LedgerModule,
        PayoutsModule,
        BatchesModule,
      ],
    };
  }
}
