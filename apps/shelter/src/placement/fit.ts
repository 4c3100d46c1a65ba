import { ADULT_AGE, isChild, type AgeBand, type VictimProfile } from '#shared';

export { ADULT_AGE };

/** Oldest age considered. */
export const MAX_AGE = 130;

const BAND_BOUNDS: Record<AgeBand, [number, number]> = {
  '0-5': [0, 5],
  '6-11': [6, 11],
  '12-13': [12, 13],
  '14-17': [14, 17],
  '18-24': [18, 24],
  '25-34': [25, 34],
  '35-49': [35, 49],
  '50-64': [50, 64],
  '65+': [65, MAX_AGE],
  unknown: [0, MAX_AGE],
};

/**
 * Whether the victim is placed as a child: the profile says so, or the age is not established at all
 * (presumed a child until it is, whatever the producer's flag).
 */
export function isChildProfile(profile: Pick<VictimProfile, 'age' | 'ageBand' | 'child'>): boolean {
  const known = profile.age !== undefined && profile.age !== null;
  // @clause a victim whose age is not established is presumed a child (the platform's one definition, isChild)
  return profile.child || (!known && profile.ageBand === 'unknown' && isChild(undefined));
}

/**
 * The ages a victim may be, from the known age or else the age band, narrowed by the child flag
 * (a child is under 18 whatever the band says). Used to match a facility's age range.
 */
// @clause a child of unknown age counts as under 18; the child flag wins over the age
export function ageBounds(profile: Pick<VictimProfile, 'age' | 'ageBand' | 'child'>): {
  lo: number;
  hi: number;
} {
  const known = profile.age !== undefined && profile.age !== null;
  let [lo, hi] = known ? [profile.age!, profile.age!] : BAND_BOUNDS[profile.ageBand];
  const child = isChildProfile(profile);
  if (child) hi = Math.min(hi, ADULT_AGE - 1);
  else lo = Math.max(lo, ADULT_AGE);
  if (lo > hi) {
    // Contradictory profile (e.g. child flag with an adult age): trust the child flag, the safer reading.
    return child ? { lo: 0, hi: ADULT_AGE - 1 } : { lo: ADULT_AGE, hi: MAX_AGE };
  }
  return { lo, hi };
}

// The SQL below is proved against Postgres by the placement integration tests, which mutation testing
// does not run (it runs the pure unit specs only, in minutes): its mutants are not generated.
// Stryker disable all
/** Needs that a facility must meet, not merely prefer. */
export const ACCESSIBILITY_NEED = 'accessibility';

/**
 * Whether facility `f` fits request `r`, as SQL over the aliases `f` (facilities) and `r`
 * (placement_requests). The single definition of "fits", used both to choose a facility for a
 * request and to choose the next waiting victim for a freed bed:
 *  - the facility accepts the victim's sex;
 *  - a child goes only where children are accepted and cared for, and an adult never into a
 *    children-only facility;
 *  - the victim's possible ages overlap the facility's age range;
 *  - a victim who needs accessibility goes only to an accessible facility.
 */
// @clause a facility fits the victim's age, sex, children's needs and accessibility
export const FITS_PROFILE_SQL = `
  f.active
  AND r.sex = ANY (f.accepts_sexes)
  AND (NOT r.child OR f.accepts_children)
  AND (r.child OR f.max_age IS NULL OR f.max_age >= ${ADULT_AGE})
  AND (f.min_age IS NULL OR r.age_hi >= f.min_age)
  AND (f.max_age IS NULL OR r.age_lo <= f.max_age)
  AND (NOT ('${ACCESSIBILITY_NEED}' = ANY (r.needs)) OR f.accessible)`;

/**
 * a high-risk victim (latest `victim.safety.changed` known here) is not placed in the region where
 * the exploitation took place (the referral's region) while another facility outside it fits them
 * (has beds at all and has not declined them): the victim then waits for that facility rather than
 * being placed near the traffickers.
 */
export const SAFE_REGION_SQL = `
  NOT (
    f.region = r.referral_region
    AND EXISTS (SELECT 1 FROM "shelter".victim_safety s WHERE s.victim_ref = r.victim_ref AND s.risk_level = 'high')
    AND EXISTS (SELECT 1 FROM "shelter".facilities o
                 WHERE o.region <> r.referral_region AND o.capacity > 0 AND NOT (o.id = ANY (r.excluded_facility_ids))
                   AND ${FITS_PROFILE_SQL.replace(/\bf\./g, 'o.')}))`;

/**
 * {@link FITS_PROFILE_SQL}, minus facilities that declined this request or let its offer expire, and
 * minus the exploitation region for a high-risk victim when another facility fits ({@link SAFE_REGION_SQL}).
 */
// @clause R-5 a high-risk victim is not placed in the region of the exploitation when another fitting facility exists
export const FITS_SQL = `${FITS_PROFILE_SQL}
  AND NOT (f.id = ANY (r.excluded_facility_ids))
  AND ${SAFE_REGION_SQL}`;
// Stryker restore all
