import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import { ProfileField, SERVICES, VictimProfile, type ServiceKind } from './common.js';
import { defineEvent } from './event-contract.js';

const REFERRAL_KINDS = ['presumed_victim', 'crime_detected'] as const;

/** A presumed victim or a detected crime was reported; the duty officer is told at once. */
export class ReferralReportedV1 {
  /** Referral id (uuid). */
  @IsUUID() referralId!: string;
  /** Human-readable case number, e.g. `NRM-2026-000042`. */
  @IsString() @Length(1, 40) caseNumber!: string;
  /** Opaque pseudonym of the person; the only way to refer to the victim outside the referral service. */
  @IsString() @Length(8, 64) victimRef!: string;
  /** `presumed_victim` or `crime_detected`. */
  @IsIn(REFERRAL_KINDS) kind!: (typeof REFERRAL_KINDS)[number];
  /** Code of the reporting organisation. */
  @IsString() @Length(1, 40) reportingOrg!: string;
  /** Region where the person was identified. */
  @IsString() @Length(1, 80) region!: string;
  /** When the person was identified (ISO 8601). */
  @IsISO8601() identifiedAt!: string;
  /** identifiedAt + 24 h: the latest handover to the special police unit. */
  @IsISO8601() handoverDueAt!: string;
  /** Minimal profile, no personal data. */
  @ProfileField() profile!: VictimProfile;
  /** True when the same person seems already reported by another agency (blind index match). */
  @IsBoolean() likelyDuplicate!: boolean;
}
export const ReferralReported = defineEvent('referral.reported', 1, ReferralReportedV1);

/** Forms of exploitation (the law on combating trafficking). Stored in tables and events: never rename, only add. */
export const EXPLOITATION_FORMS = [
  'sexual',
  'labour',
  'forced_begging',
  'domestic_servitude',
  'forced_marriage',
  'organ_removal',
  'criminal_activity',
  'child_exploitation',
  'other',
] as const;
export type ExploitationForm = (typeof EXPLOITATION_FORMS)[number];

/** Kinds of organisation that may report (R-2.2 commission bodies, NGOs, international organisations). */
export const ORGANISATION_KINDS = [
  'commission_body',
  'special_police_unit',
  'fund',
  'coordinator',
  'ngo',
  'international',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * Version 2 of `referral.reported`: version 1 plus the three categories the commission's annual
 * report counts and no other event carries. Each is a category from a closed list or a country
 * code, never free text or identity; consumers of version 1 read the same fields as before.
 */
export class ReferralReportedV2 extends ReferralReportedV1 {
  /** Forms of exploitation named at intake (codes of {@link EXPLOITATION_FORMS}; never a description). */
  @IsArray()
  @ArrayMaxSize(EXPLOITATION_FORMS.length)
  @IsIn(EXPLOITATION_FORMS, { each: true })
  exploitation!: ExploitationForm[];
  /** Citizenship, ISO 3166-1 alpha-2 upper case (`AZ` for the country's citizens); absent when not known. */
  @IsOptional() @Matches(/^[A-Z]{2}$/) citizenship?: string;
  /** Kind of the reporting organisation (commission body, NGO, international organisation …). */
  @IsIn(ORGANISATION_KINDS) reportingBodyKind!: OrganisationKind;
}
export const ReferralReportedV2Contract = defineEvent('referral.reported', 2, ReferralReportedV2, {
  description:
    'Version 2 adds exploitation (forms of exploitation, codes), citizenship (ISO 3166-1 alpha-2) and reportingBodyKind, for the reporting service (R-2.4); the fields of version 1 are unchanged.',
});

/** A handover to the special police unit's duty officer was requested. */
export class ReferralHandoverRequestedV1 {
  @IsUUID() referralId!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  /** Always `MIA-SPU`. */
  @IsString() toOrg!: string;
  /** The officer on duty when the handover was requested. */
  @IsString() @Length(1, 100) toOfficerId!: string;
  @IsISO8601() handoverDueAt!: string;
  @IsString() requestedByOrg!: string;
}
export const ReferralHandoverRequested = defineEvent(
  'referral.handover.requested',
  1,
  ReferralHandoverRequestedV1,
);

/** The duty officer accepted the handover. */
export class ReferralHandedOverV1 {
  @IsUUID() referralId!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsString() @Length(1, 100) officerId!: string;
  @IsISO8601() handedOverAt!: string;
  @IsISO8601() handoverDueAt!: string;
  /** Accepted after handoverDueAt: recorded as a breach of the 24-hour rule. */
  @IsBoolean() late!: boolean;
}
export const ReferralHandedOver = defineEvent('referral.handed_over', 1, ReferralHandedOverV1);

/** The 24-hour handover deadline is near. Published once per referral. */
export class ReferralDeadlineApproachingV1 {
  @IsUUID() referralId!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsISO8601() handoverDueAt!: string;
  /** Minutes left when the warning was raised. */
  @IsInt() @Min(0) minutesLeft!: number;
  @IsString() reportingOrg!: string;
}
export const ReferralDeadlineApproaching = defineEvent(
  'referral.deadline.approaching',
  1,
  ReferralDeadlineApproachingV1,
);

/** The 24-hour handover deadline passed without a completed handover. Published once per referral. */
export class ReferralDeadlineBreachedV1 {
  @IsUUID() referralId!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsISO8601() handoverDueAt!: string;
  @IsString() reportingOrg!: string;
}
export const ReferralDeadlineBreached = defineEvent(
  'referral.deadline.breached',
  1,
  ReferralDeadlineBreachedV1,
);

const OUTCOMES = ['identified_victim', 'not_a_victim'] as const;

/** The special police unit decided whether the person is a victim. */
export class VictimIdentifiedV1 {
  @IsUUID() referralId!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsIn(OUTCOMES) outcome!: (typeof OUTCOMES)[number];
  @IsISO8601() decidedAt!: string;
}
export const VictimIdentified = defineEvent('victim.identified', 1, VictimIdentifiedV1);

/** Consent purposes. Stored in tables and events: never rename. */
export const CONSENT_PURPOSES = [
  'medical_examination',
  'shelter_placement',
  'rehabilitation',
  'psychological_aid',
  'legal_aid',
  'data_sharing',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The victim gave or withdrew consent for a purpose; the latest record wins. */
export class VictimConsentChangedV1 {
  @IsString() @Length(8, 64) victimRef!: string;
  @IsIn(CONSENT_PURPOSES) purpose!: ConsentPurpose;
  @IsBoolean() granted!: boolean;
  @IsISO8601() recordedAt!: string;
}
export const VictimConsentChanged = defineEvent('victim.consent.changed', 1, VictimConsentChangedV1);

/** The victim asked for a service, with consent. */
export class ServiceRequestedV1 {
  /** Id of the service request (uuid): the idempotency key of whatever the provider does with it. */
  @IsUUID() requestId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsIn(SERVICES) service!: ServiceKind;
  @ProfileField() profile!: VictimProfile;
  /** Preferred region for the service (the region of the referral unless the victim chose another). */
  @IsString() @Length(1, 80) region!: string;
  /** Organisation that reported the referral (told if the victim is waitlisted). */
  @IsString() referringOrg!: string;
  @IsISO8601() requestedAt!: string;
  /** Free-text needs codes for the provider; never personal data. */
  @IsOptional() @IsString() @Length(0, 200) note?: string;
  /**
   * Code of the organisation (or facility) the request is addressed to, which is told of it and
   * answers it (R-3.3: `MOH` for medical aid unless another provider is named: a legal-aid
   * provider of the directory: an assistance centre). Absent for `shelter`: the shelter
   * service chooses the facility. A declined request re-addressed to another provider is published
   * again with the same `requestId` and the new `providerOrg`.
   */
  @IsOptional() @IsString() @Length(1, 40) providerOrg?: string;
  /**
   * Region of the referral (where the person was found and, as far as known, exploited), when it
   * differs or not from the preferred `region`: a high-risk victim is not placed there when another
   * fitting facility exists.
   */
  @IsOptional() @IsString() @Length(1, 80) referralRegion?: string;
}
export const ServiceRequested = defineEvent('service.requested', 1, ServiceRequestedV1);
