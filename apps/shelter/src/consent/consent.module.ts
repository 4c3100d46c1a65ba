import { Module } from '@nestjs/common';
import { PlacementModule } from '../placement/placement.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { TrainingModule } from '../training/training.module.js';
import { ConsentChangedHandler } from './consent-changed.handler.js';
import { ConsentViewModule } from './consent-view.module.js';

/** Reacts to the victim's consent decisions across placement, plans and training. */
@Module({
  imports: [ConsentViewModule, PlacementModule, PlansModule, TrainingModule],
  controllers: [ConsentChangedHandler],
})
export class ConsentModule {}
