import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HandoverAttempt } from '../handover-attempt.entity.js';

export class HandoverAttemptResponse {
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedByOrg!: string;
  @ApiProperty() toOrg!: string;
  @ApiProperty() toOfficerId!: string;
  @ApiProperty({ enum: ['requested', 'refused'] }) outcome!: 'requested' | 'refused';
  @ApiPropertyOptional({ description: 'Why a request was refused' }) reason?: string;
  @ApiProperty() attemptedAt!: string;

  static of(a: HandoverAttempt): HandoverAttemptResponse {
    return Object.assign(new HandoverAttemptResponse(), {
      requestedBy: a.requestedBy,
      requestedByOrg: a.requestedByOrg,
      toOrg: a.toOrg,
      toOfficerId: a.toOfficerId,
      outcome: a.outcome,
      ...(a.reason ? { reason: a.reason } : {}),
      attemptedAt: a.attemptedAt.toISOString(),
    });
  }
}
