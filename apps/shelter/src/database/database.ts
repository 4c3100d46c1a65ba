import type { DatabaseDefinition } from '#shared';
import { Facility } from '../facilities/facility.entity.js';
import { Placement } from '../placement/placement.entity.js';
import { PlacementRequest } from '../placement/placement-request.entity.js';
import { PlanItem } from '../plans/plan-item.entity.js';
import { PlanRevision } from '../plans/plan-revision.entity.js';
import { Plan } from '../plans/plan.entity.js';
import { Enrolment } from '../training/enrolment.entity.js';
import { TrainingProgramme } from '../training/training-programme.entity.js';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';
import { CreateShelterTables1764200000000 } from './migrations/1764200000000-CreateShelterTables.js';
import { AddOneLiveRequestPerVictim1764200000001 } from './migrations/1764200000001-AddOneLiveRequestPerVictim.js';
import { AddWithdrawnRequestStatus1764200000002 } from './migrations/1764200000002-AddWithdrawnRequestStatus.js';
import { CreateVictimConsents1764200000003 } from './migrations/1764200000003-CreateVictimConsents.js';
import { CreateVictimSafety1796229214811 } from './migrations/1796229214811-CreateVictimSafety.js';
import { VersionVictimViews1796314692250 } from './migrations/1796314692250-VersionVictimViews.js';

/** The shelter schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const shelterDatabase: DatabaseDefinition = {
  schema: 'shelter',
  entities: [
    Facility,
    PlacementRequest,
    Placement,
    Plan,
    PlanItem,
    PlanRevision,
    TrainingProgramme,
    Enrolment,
  ],
  migrations: [
    CreateMessagingTables1764100000000,
    CreateShelterTables1764200000000,
    AddOneLiveRequestPerVictim1764200000001,
    AddWithdrawnRequestStatus1764200000002,
    CreateVictimConsents1764200000003,
    CreateVictimSafety1796229214811,
    VersionVictimViews1796314692250,
  ],
};
