import { SPECIAL_POLICE_UNIT, type Principal } from '#shared';
import type { Referral } from './referral.entity.js';

/**
 * Roles that see every referral (never personal data: that is only at /v1/victims, audited). The
 * coordinator is not one of them: aggregates only (GET /v1/statistics/referrals).
 */
export function seesAllReferrals(user: Principal): boolean {
  return user.role === 'admin' || isDutyOfficer(user);
}

/** A duty officer of the special police unit. */
export function isDutyOfficer(user: Principal): boolean {
  return user.role === 'police_duty_officer' && user.org === SPECIAL_POLICE_UNIT;
}

/** An agency officer sees its own organisation's referrals only, never what other agencies sent. */
// @clause an agency sees only its own organisation's referrals
export function canViewReferral(referral: Pick<Referral, 'reportingOrg'>, user: Principal): boolean {
  return seesAllReferrals(user) || (user.role === 'agency_officer' && referral.reportingOrg === user.org);
}

/** The reporting agency's own officer (requests handovers, records consents and service requests). */
export function isReportingOfficer(referral: Pick<Referral, 'reportingOrg'>, user: Principal): boolean {
  return user.role === 'agency_officer' && referral.reportingOrg === user.org;
}

/**
 * Who records a victim's consent, rights information and service requests: the special police unit's
 * duty officer and the reporting agency's officer (who is with the victim at intake).
 */
export function canActForVictim(referral: Pick<Referral, 'reportingOrg'>, user: Principal): boolean {
  return isDutyOfficer(user) || isReportingOfficer(referral, user);
}
