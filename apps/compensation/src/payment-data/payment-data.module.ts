import { Global, Module } from '@nestjs/common';
import { CONFIG } from '#shared';
import type { CompensationConfig } from '../config/compensation.config.js';
import { PaymentDataAccessController } from './payment-data-access.controller.js';
import { PaymentDataAccessLog } from './payment-data-access.log.js';
import { PaymentDataCipher } from './payment-data-cipher.js';
import { PaymentDataRekeyRepository } from './payment-data-rekey.repository.js';
import { PaymentDataRekeyWorker } from './payment-data-rekey.worker.js';

/** Provides the cipher of beneficiaries' payment data, keyed from config, and the log of reads of it. */
@Global()
@Module({
  controllers: [PaymentDataAccessController],
  providers: [
    {
      provide: PaymentDataCipher,
      inject: [CONFIG],
      useFactory: (config: CompensationConfig) =>
        new PaymentDataCipher(config.PAYMENT_DATA_KEYS, config.PAYMENT_DATA_ACTIVE_KEY_ID),
    },
    PaymentDataAccessLog,
    PaymentDataRekeyRepository,
    PaymentDataRekeyWorker,
  ],
  exports: [PaymentDataCipher, PaymentDataAccessLog],
})
export class PaymentDataModule {}
