import { Module } from '@nestjs/common';
import { IdempotencyKeyJanitor } from './idempotency-key-janitor.js';
import { IntakeRepository } from './intake.repository.js';
import { IntakeService } from './intake.service.js';
import { ReferralQueryService } from './referral-query.service.js';
import { PersonController } from './person.controller.js';
import { PersonService } from './person.service.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralTransitions } from './referral-transitions.js';
import { ReferralsRepository } from './referrals.repository.js';
import { StatisticsController } from './statistics.controller.js';

@Module({
  controllers: [ReferralsController, StatisticsController, PersonController],
  providers: [
    IntakeService,
    IntakeRepository,
    ReferralQueryService,
    ReferralsRepository,
    IdempotencyKeyJanitor,
    PersonService,
    ReferralTransitions,
  ],
  exports: [ReferralQueryService, ReferralsRepository, ReferralTransitions],
})
export class ReferralsModule {}
