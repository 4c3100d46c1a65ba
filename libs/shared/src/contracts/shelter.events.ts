import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { ProfileField, VictimProfile } from './common.js';
import { defineEvent } from './event-contract.js';

/** A bed is held in a facility and the facility is asked to admit the victim (the admission message). */
export class ShelterAdmissionRequestedV1 {
  @IsUUID() placementId!: string;
  /** The `service.requested` request this placement serves. */
  @IsUUID() requestId!: string;
  @IsUUID() facilityId!: string;
  /** Facility code: also the `org` of its staff and the key for routing the admission message. */
  @IsString() @Length(1, 40) facilityCode!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @ProfileField() profile!: VictimProfile;
  @IsISO8601() expectedArrivalAt!: string;
  /** The bed is released and re-offered if not admitted by then. */
  @IsISO8601() offerExpiresAt!: string;
}
export const ShelterAdmissionRequested = defineEvent(
  'shelter.admission.requested',
  1,
  ShelterAdmissionRequestedV1,
);

/** No fitting facility had a free bed: the victim is on the waiting list. */
export class ShelterWaitlistedV1 {
  @IsUUID() requestId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  /** Referring organisation, told of the wait. */
  @IsString() referringOrg!: string;
  /** Why: `no_capacity`, `no_fitting_facility`, `declined_everywhere`, … */
  @IsString() @Length(1, 64) reason!: string;
  /** Position on the waiting list when added (1 = next). */
  @IsOptional() @IsInt() @Min(1) position?: number;
}
export const ShelterWaitlisted = defineEvent('shelter.waitlisted', 1, ShelterWaitlistedV1);

/** Fields every placement lifecycle event carries. */
class PlacementEventV1 {
  @IsUUID() placementId!: string;
  @IsUUID() facilityId!: string;
  @IsString() @Length(1, 40) facilityCode!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsISO8601() at!: string;
}

export class ShelterAdmittedV1 extends PlacementEventV1 {}
export const ShelterAdmitted = defineEvent('shelter.admitted', 1, ShelterAdmittedV1);

export class ShelterDeclinedV1 extends PlacementEventV1 {
  /** Reason code for the decline (`no_capacity`, `safety`, `victim_declined`, `expired`, …); free text is not carried. */
  @IsString() @Length(1, 64) reason!: string;
}
export const ShelterDeclined = defineEvent('shelter.declined', 1, ShelterDeclinedV1);

export class ShelterDischargedV1 extends PlacementEventV1 {}
export const ShelterDischarged = defineEvent('shelter.discharged', 1, ShelterDischargedV1);

/** Domains of social rehabilitation. Stored in tables and events: never rename a value. */
export const PLAN_DOMAINS = [
  'legal_aid',
  'education',
  'psychological',
  'medical',
  'vocational',
  'employment',
  'housing',
] as const;
export type PlanDomain = (typeof PLAN_DOMAINS)[number];
/** Statuses of a plan's measure. Stored in tables and events: never rename a value. */
export const PLAN_ITEM_STATUSES = ['proposed', 'scheduled', 'in_progress', 'done', 'cancelled'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

/** One measure of a plan, as categories only: its goal and actions (free text) never leave the shelter service. */
export class PlanMeasureV1 {
  @IsUUID() itemId!: string;
  @IsIn(PLAN_DOMAINS) domain!: PlanDomain;
  @IsIn(PLAN_ITEM_STATUSES) status!: PlanItemStatus;
}

/**
 * An individual plan was made or changed: its version and every measure's domain and
 * status, for the commission's annual report. No goal, action, responsible officer or date.
 */
export class ShelterPlanChangedV1 {
  @IsUUID() planId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  /** The plan's version: grows with every change, so a consumer keeps the highest it has seen. */
  @IsInt() @Min(1) version!: number;
  @IsIn(['active', 'closed']) status!: 'active' | 'closed';
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PlanMeasureV1)
  measures!: PlanMeasureV1[];
}
export const ShelterPlanChanged = defineEvent('shelter.plan.changed', 1, ShelterPlanChangedV1, {
  description:
    "A plan's version, status and each measure's domain and status (no goal or action text), for the reporting service (R-2.4).",
});

/** Statuses of an enrolment in a training programme. Stored in tables and events: never rename a value. */
export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A victim was enrolled in a labour-market training programme, completed it or left it. */
export class ShelterTrainingChangedV1 {
  @IsUUID() enrolmentId!: string;
  @IsUUID() programmeId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  /** The ministry leading the programme (`MOE` or `MLSPP`, R-6.3). */
  @IsString() @Length(2, 10) leadMinistry!: string;
  @IsIn(ENROLMENT_STATUSES) status!: EnrolmentStatus;
  @IsISO8601() at!: string;
}
export const ShelterTrainingChanged = defineEvent('shelter.training.changed', 1, ShelterTrainingChangedV1, {
  description:
    'An enrolment in a training programme: enrolled, completed or withdrawn, with the lead ministry; for the reporting service (R-2.4).',
});
