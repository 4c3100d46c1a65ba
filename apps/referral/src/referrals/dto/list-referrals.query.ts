import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageCursorQuery, PageLimit } from '#shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../common/vocabulary.js';

const DUE_WITHIN = /^P(?:(\d{1,2})D)?(?:T(?:(\d{1,3})H)?(?:(\d{1,4})M)?)?$/;

/** Seconds of a `dueWithin` duration (PnDTnHnM), or undefined if it is not one or exceeds 30 days. */
export function dueWithinSeconds(duration: string): number | undefined {
  const m = DUE_WITHIN.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) return undefined;
  const seconds = Number(m[1] ?? 0) * 86_400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60;
  return seconds <= 30 * 86_400 ? seconds : undefined;
}

export class ListReferralsQuery extends PageCursorQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({
    description: 'true: only referrals whose 24-hour handover deadline was breached (R-4.2)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: ['createdAt', 'handoverDueAt'],
    description:
      'createdAt (default): newest first; handoverDueAt: the nearest handover deadline first (the duty queue)',
  })
  @IsOptional()
  @IsIn(['createdAt', 'handoverDueAt'])
  sort?: 'createdAt' | 'handoverDueAt';

  @ApiPropertyOptional({
    example: 'PT6H',
    description:
      'ISO 8601 duration (days, hours, minutes; at most P30D): only referrals still awaiting handover whose deadline is within it from now, overdue ones included',
  })
  @IsOptional()
  @Matches(DUE_WITHIN, {
    message: 'dueWithin must be an ISO 8601 duration such as PT6H or P1DT12H (at most P30D)',
  })
  dueWithin?: string;

  @PageLimit(100, 20)
  limit?: number;
}
