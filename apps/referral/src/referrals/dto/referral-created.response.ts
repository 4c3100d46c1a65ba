import { ApiProperty } from '@nestjs/swagger';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../common/vocabulary.js';
import type { Referral } from '../referral.entity.js';

/** Answer of `POST /v1/referrals` (also of a replay with the same Idempotency-Key and body). */
export class ReferralCreatedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NRM-2026-000123' }) caseNumber!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ description: 'identifiedAt + 24 h (R-4.2)' }) handoverDueAt!: string;
  @ApiProperty({ example: 'V-7K2M9QX4TB3HZP6WN5RC', description: 'Opaque pseudonym of the person' })
  victimRef!: string;

  static of(
    r: Pick<Referral, 'id' | 'caseNumber' | 'status' | 'handoverDueAt' | 'victimRef'>,
  ): ReferralCreatedResponse {
    return Object.assign(new ReferralCreatedResponse(), {
      id: r.id,
      caseNumber: r.caseNumber,
      status: r.status,
      handoverDueAt: r.handoverDueAt.toISOString(),
      victimRef: r.victimRef,
    });
  }
}
