import { IsISO8601, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
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
