import { randomBytes, randomUUID } from 'node:crypto';
import type {
  PayoutApprovedV1,
  ReferralDeadlineBreachedV1,
  ReferralHandedOverV1,
  ReferralReportedV1,
  ShelterAdmissionRequestedV1,
  ShelterWaitlistedV1,
  VictimProfile,
} from '#shared';

/** A fresh Standard Webhooks secret. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A unique organisation / facility code for one test. */
export function uniqueOrg(prefix = 'T'): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

export function uniqueCaseNumber(): string {
  return `NRM-2026-${Math.floor(Math.random() * 1e6)
    .toString()
    .padStart(6, '0')}`;
}

export function uniqueVictimRef(): string {
  return `vr_${randomBytes(6).toString('hex')}`;
}

const profile: VictimProfile = {
  sex: 'female',
  ageBand: '18-24',
  age: 22,
  child: false,
  languages: ['az'],
  needs: ['medical'],
};

/** Valid payloads per contract, with overrides. */
export const payloads = {
  referralReported: (o: Partial<ReferralReportedV1> = {}): ReferralReportedV1 => ({
    referralId: randomUUID(),
    caseNumber: uniqueCaseNumber(),
    victimRef: uniqueVictimRef(),
    kind: 'presumed_victim',
    reportingOrg: 'MLSPP',
    region: 'Baku',
    identifiedAt: new Date().toISOString(),
    handoverDueAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
    profile,
    likelyDuplicate: false,
    ...o,
  }),
  handedOver: (referralId: string, o: Partial<ReferralHandedOverV1> = {}): ReferralHandedOverV1 => ({
    referralId,
    caseNumber: uniqueCaseNumber(),
    victimRef: uniqueVictimRef(),
    officerId: 'officer-1',
    handedOverAt: new Date().toISOString(),
    handoverDueAt: new Date(Date.now() + 3600_000).toISOString(),
    late: false,
    ...o,
  }),
  deadlineBreached: (o: Partial<ReferralDeadlineBreachedV1> = {}): ReferralDeadlineBreachedV1 => ({
    referralId: randomUUID(),
    caseNumber: uniqueCaseNumber(),
    victimRef: uniqueVictimRef(),
    handoverDueAt: new Date().toISOString(),
    reportingOrg: 'MLSPP',
    ...o,
  }),
  admissionRequested: (
    facilityCode: string,
    o: Partial<ShelterAdmissionRequestedV1> = {},
  ): ShelterAdmissionRequestedV1 => ({
    placementId: randomUUID(),
    requestId: randomUUID(),
    facilityId: randomUUID(),
    facilityCode,
    victimRef: uniqueVictimRef(),
    caseNumber: uniqueCaseNumber(),
    profile,
    expectedArrivalAt: new Date(Date.now() + 3600_000).toISOString(),
    offerExpiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
    ...o,
  }),
  waitlisted: (referringOrg: string, o: Partial<ShelterWaitlistedV1> = {}): ShelterWaitlistedV1 => ({
    requestId: randomUUID(),
    victimRef: uniqueVictimRef(),
    caseNumber: uniqueCaseNumber(),
    referringOrg,
    reason: 'no_capacity',
    position: 3,
    ...o,
  }),
  payoutApproved: (o: Partial<PayoutApprovedV1> = {}): PayoutApprovedV1 => ({
    payoutId: randomUUID(),
    claimId: randomUUID(),
    victimRef: uniqueVictimRef(),
    amountMinor: 150000,
    currency: 'AZN',
    method: 'bank_transfer',
    by: 'approver-1',
    ...o,
  }),
};
