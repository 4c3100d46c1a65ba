import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { CONSENT_PURPOSES, type ConsentPurpose } from '#shared';
import type { Consent } from '../consent.entity.js';

export class RecordConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiProperty({
    description: 'true: consent given; false: refused or withdrawn (a new record; history is kept)',
  })
  @IsBoolean()
  granted!: boolean;
}

export class ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose!: ConsentPurpose;
  @ApiProperty() granted!: boolean;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedByOrg!: string;
  @ApiProperty() recordedAt!: string;

  static of(c: Consent): ConsentResponse {
    return Object.assign(new ConsentResponse(), {
      id: c.id,
      purpose: c.purpose,
      granted: c.granted,
      recordedBy: c.recordedBy,
      recordedByOrg: c.recordedByOrg,
      recordedAt: c.recordedAt.toISOString(),
    });
  }
}

export class ConsentsResponse {
  @ApiProperty({ type: [ConsentResponse], description: 'The latest record per purpose: what is in force' })
  current!: ConsentResponse[];
  @ApiProperty({ type: [ConsentResponse], description: 'Every record, oldest first' })
  history!: ConsentResponse[];
}
