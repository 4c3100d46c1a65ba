import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** Reason codes for a decline; free text is never carried (it could hold personal data). */
export const DECLINE_REASONS = ['no_capacity', 'safety', 'unsuitable', 'victim_declined', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export class DeclinePlacementDto {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reason!: DeclineReason;
}
