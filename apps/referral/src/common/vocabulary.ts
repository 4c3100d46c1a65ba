/**
 * Enumerated lists of the referral service. Values are stored in tables and events: never rename one,
 * only add.
 */
export const REFERRAL_KINDS = ['presumed_victim', 'crime_detected'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const REFERRAL_STATUSES = [
  'reported',
  'handover_pending',
  'handed_over',
  'identified_victim',
  'not_a_victim',
  /** Closed with a reason (R-1.3.2: the retention period of personal data runs from then). */
  'closed',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Forms of exploitation (the law on combating trafficking): part of the `referral.reported` v2 contract. */
export { EXPLOITATION_FORMS } from '#shared';

/** Urgent needs; carried to providers as `needs` in the victim profile. */
export const URGENT_NEEDS = [
  'medical',
  'shelter',
  'psychological',
  'interpreter',
  'legal',
  'child_care',
  'safety',
  'food_clothing',
  'accessibility',
] as const;

export const DOCUMENT_KINDS = [
  'passport',
  'national_id',
  'birth_certificate',
  'residence_permit',
  'travel_document',
  'other',
] as const;

/** Why a victim's personal data is read: required on every read, written to the access log. */
export const ACCESS_PURPOSES = [
  'identification',
  'handover',
  'safety_assessment',
  'shelter_admission',
  'service_provision',
  'legal_aid',
  'criminal_investigation',
] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];
