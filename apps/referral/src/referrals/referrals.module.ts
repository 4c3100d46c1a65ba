import { Module } from '@nestjs/common';
import { IdempotencyKeyJanitor } from './idempotency-key-janitor.js';
import { IntakeRepository } from './intake.repository.js';
import { IntakeService } from './intake.service.js';
import { ReferralQueryService } from './referral-query.service.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsRepository } from './referrals.repository.js';
import { StatisticsController } from './statistics.controller.js';

@Module({
  controllers: [ReferralsController, StatisticsController],
  providers: [
    IntakeService,
    IntakeRepository,
    ReferralQueryService,
    ReferralsRepository,
    IdempotencyKeyJanitor,
  ],
  exports: [ReferralQueryService, ReferralsRepository],
})
export class ReferralsModule {}
