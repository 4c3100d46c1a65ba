import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import type { ReferralConfig } from './config/referral.config.js';
import { referralDatabase } from './database/database.js';

/** Root module of the referral service. */
@Module({})
export class AppModule {
  static register(config: ReferralConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'referral', config, database: referralDatabase, logger })],
    };
  }
}
