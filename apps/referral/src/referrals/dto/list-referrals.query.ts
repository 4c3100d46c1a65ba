import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageCursorQuery, PageLimit } from '#shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../common/vocabulary.js';

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

  @PageLimit(100, 20)
  limit?: number;
}
