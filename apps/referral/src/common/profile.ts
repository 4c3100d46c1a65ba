import { ageBandOf, isChild, type Sex, type VictimProfile } from '#shared';

/** Whole years between a birth date (`YYYY-MM-DD`) and a moment. */
export function ageOn(dateOfBirth: string, at: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = at.getUTCFullYear() - y;
  const month = at.getUTCMonth() + 1;
  if (month < m || (month === m && at.getUTCDate() < d)) age--;
  return age;
}

/**
 * The minimum a provider or the duty officer's channel needs: sex, age band, age, child flag,
 * languages and needs — never a name, birth date, contact or circumstances.
 */
// @clause the minimal profile: child flag and age band, never a name or birth date
export function buildProfile(
  p: {
    sex: Sex;
    dateOfBirth?: string | null;
    ageEstimate?: number | null;
    languages: string[];
    needs: string[];
  },
  at: Date,
): VictimProfile {
  const age = p.dateOfBirth ? ageOn(p.dateOfBirth, at) : (p.ageEstimate ?? undefined);
  const known = age !== undefined && age >= 0;
  return {
    sex: p.sex,
    ageBand: ageBandOf(known ? age : undefined),
    ...(known ? { age } : {}),
    // @clause children's needs come first: under 18, or of unknown age (presumed a child until it is established)
    child: isChild(known ? age : undefined),
    languages: [...p.languages],
    needs: [...p.needs],
  };
}
