import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Length, Matches } from 'class-validator';

/** Printable text: no control characters (Postgres refuses NUL, and none belongs in these fields). */
const PRINTABLE = /^[^\p{Cc}]*$/u;

/** A string of `min`..`max` characters without control characters. */
export const IsText = (min: number, max: number, each = false) =>
  applyDecorators(
    IsString({ each }),
    Length(min, max, { each }),
    Matches(PRINTABLE, { each, message: 'must not contain control characters' }),
  );

/** A calendar date `YYYY-MM-DD` between 1900 and 2199 (a range Postgres and people both understand). */
export const IsDateOnly = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(/^(19|20|21)\d\d-\d\d-\d\d$/, { message: 'must be a date YYYY-MM-DD between 1900 and 2199' }),
  );
