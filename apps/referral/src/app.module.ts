import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import { CryptoModule } from './common/crypto.module.js';
import type { ReferralConfig } from './config/referral.config.js';
import { ConsentsModule } from './consents/consents.module.js';
import { referralDatabase } from './database/database.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { HandoverModule } from './handover/handover.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { RightsModule } from './rights/rights.module.js';
import { RosterModule } from './roster/roster.module.js';
import { ClosingModule } from './closing/closing.module.js';
import { ReturnModule } from './return/return.module.js';
import { SafetyModule } from './safety/safety.module.js';
import { ServiceRequestsModule } from './service-requests/service-requests.module.js';
import { VictimsModule } from './victims/victims.module.js';

/**
 * Root module of the referral service: the platform (database, outbox/inbox, auth, health), the
 * crypto providers and one module per capability.
 */
@Module({})
export class AppModule {
  static register(config: ReferralConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ service: 'referral', config, database: referralDatabase, logger }),
        CryptoModule,
        OrganisationsModule,
        RosterModule,
        ReferralsModule,
        HandoverModule,
        DeadlinesModule,
        VictimsModule,
        ConsentsModule,
        RightsModule,
        ServiceRequestsModule,
        SafetyModule,
        ReturnModule,
        ClosingModule,
      ],
    };
  }
}
