import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** Sexes recorded for placement. Stored in events and tables: never rename a value. */
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** Age bands carried in events instead of a birth date. */
export const AGE_BANDS = [
  '0-5',
  '6-11',
  '12-13',
  '14-17',
  '18-24',
  '25-34',
  '35-49',
  '50-64',
  '65+',
  'unknown',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Services a victim may request. */
export const SERVICES = ['shelter', 'medical', 'psychological', 'legal_aid', 'rehabilitation'] as const;
export type ServiceKind = (typeof SERVICES)[number];

/** Age of majority: under it a person is a child. */
export const ADULT_AGE = 18;

/**
 * The platform's one definition of a child: under {@link ADULT_AGE}, and, while the age is
 * not established (no birth date, no estimate), presumed a child until it is (the presumption of
 * minority). Every service decides "child" through this function.
 */
export function isChild(age: number | undefined | null): boolean {
  if (age === undefined || age === null || !Number.isFinite(age) || age < 0) return true;
  return age < ADULT_AGE;
}

/** Age band of an age in whole years. */
export function ageBandOf(age: number | undefined | null): AgeBand {
  if (age === undefined || age === null || !Number.isFinite(age) || age < 0) return 'unknown';
  if (age <= 5) return '0-5';
  if (age <= 11) return '6-11';
  if (age <= 13) return '12-13';
  if (age <= 17) return '14-17';
  if (age <= 24) return '18-24';
  if (age <= 34) return '25-34';
  if (age <= 49) return '35-49';
  if (age <= 64) return '50-64';
  return '65+';
}

/**
 * The minimum a provider needs to know about a victim: never a name, birth date, contact or
 * circumstances (docs/architecture.md, "No personal data in events").
 */
export class VictimProfile {
  /** Sex, for placement in a facility that accepts it. */
  @IsIn(SEXES)
  sex!: Sex;

  /** Age band instead of a birth date. */
  @IsIn(AGE_BANDS)
  ageBand!: AgeBand;

  /** Age in whole years, when known (estimates included), for a facility's age range; never a date. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  age?: number;

  /**
   * Under 18, or of unknown age (presumed a child until the age is established, {@link isChild}):
   * placed only where children are accepted and cared for.
   */
  @IsBoolean()
  child!: boolean;

  /** Languages the victim speaks, ISO 639-1 codes. */
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2,3}$/, { each: true })
  languages!: string[];

  /** Needs (`medical`, `accessibility`, `interpreter`, …), enumerated by the referral service. */
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  needs!: string[];
}

/** Validated nested profile, for use in payload classes. */
export function ProfileField(): PropertyDecorator {
  return (target, key) => {
    ValidateNested()(target, key);
    Type(() => VictimProfile)(target, key);
  };
}
