import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CLOSE_REASONS, type CloseReason } from '#shared';

export class CloseReferralDto {
  @ApiProperty({
    enum: CLOSE_REASONS,
    description:
      "Why the case is closed; the victim's personal data is erased PERSONAL_DATA_RETENTION_DAYS after (R-1.3.2)",
  })
  @IsIn(CLOSE_REASONS)
  reason!: CloseReason;
}
