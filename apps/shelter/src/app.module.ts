import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '#shared';
import type { ShelterConfig } from './config/shelter.config.js';
import { shelterDatabase } from './database/database.js';
import { SafetyModule } from './safety/safety.module.js';
import { ConsentModule } from './consent/consent.module.js';
import { FacilitiesModule } from './facilities/facilities.module.js';
import { PlacementModule } from './placement/placement.module.js';
import { PlansModule } from './plans/plans.module.js';
import { TrainingModule } from './training/training.module.js';

/** Root module of the shelter service. */
@Module({})
export class AppModule {
  static register(config: ShelterConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ service: 'shelter', config, database: shelterDatabase, logger }),
        FacilitiesModule,
        PlacementModule,
        PlansModule,
        TrainingModule,
        ConsentModule,
        SafetyModule,
      ],
    };
  }
}
