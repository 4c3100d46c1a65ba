import { SPECIAL_POLICE_UNIT } from '#shared';

/** Why a handover is refused; recorded with the attempt and counted in a metric label: never rename. */
export type RefusalReason = 'not_special_police_unit' | 'no_officer_on_duty' | 'officer_not_on_duty';

/**
 * Whether a handover to `toOrg`/`toOfficerId` is refused, given the shift on duty now (none: no
 * officer is on duty). The rule alone, without I/O, so that it is pinned down by unit tests.
 */
// @clause only MIA-SPU and its officer on duty now may receive a handover; every other body is refused
export function handoverRefusal(
  toOrg: string,
  toOfficerId: string,
  onDuty: { officerId: string } | null | undefined,
): RefusalReason | undefined {
  // no other police or law-enforcement body (MIA, PGO, SCC, SBS, …) may receive a victim.
  if (toOrg !== SPECIAL_POLICE_UNIT) return 'not_special_police_unit';
  // only the special police unit's duty officer, i.e. the one on duty at this moment.
  if (!onDuty) return 'no_officer_on_duty';
  if (onDuty.officerId !== toOfficerId) return 'officer_not_on_duty';
  return undefined;
}
