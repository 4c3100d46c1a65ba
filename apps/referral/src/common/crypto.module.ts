import { Global, Module } from '@nestjs/common';
import { CONFIG } from '#shared';
import type { ReferralConfig } from '../config/referral.config.js';
import { BlindIndex } from './blind-index.js';
import { parseKeyRing } from '#shared';
import { PiiCipher } from './pii-cipher.js';
import { ReferralMetrics } from './referral-metrics.js';

/** Provides the PII cipher and the blind index (built from the validated config) and the domain metrics. */
@Global()
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [CONFIG],
      useFactory: (c: ReferralConfig) => new PiiCipher(parseKeyRing(c.PII_KEYS), c.PII_ACTIVE_KEY_ID),
    },
    {
      provide: BlindIndex,
      inject: [CONFIG],
      useFactory: (c: ReferralConfig) => new BlindIndex(Buffer.from(c.BLIND_INDEX_KEY, 'base64')),
    },
    ReferralMetrics,
  ],
  exports: [PiiCipher, BlindIndex, ReferralMetrics],
})
export class CryptoModule {}
