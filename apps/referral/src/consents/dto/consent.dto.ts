import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CONSENT_PURPOSES, type ConsentPurpose } from '#shared';
import { CONSENT_GIVERS, type Consent, type ConsentGiver } from '../consent.entity.js';

export class RecordConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiProperty({
    description: 'true: consent given; false: refused or withdrawn (a new record; history is kept)',
  })
  @IsBoolean()
  granted!: boolean;

  @ApiPropertyOptional({
    enum: CONSENT_GIVERS,
    default: 'victim',
    description:
      'Who gives it: an adult victim themself; for a child (under 18, or of unknown age until it is established) a guardian or legal representative, required (R-6.6)',
  })
  @IsOptional()
  @IsIn(CONSENT_GIVERS)
  givenBy?: ConsentGiver;
}

export class ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose!: ConsentPurpose;
  @ApiProperty() granted!: boolean;
  @ApiProperty({ enum: CONSENT_GIVERS }) givenBy!: ConsentGiver;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedByOrg!: string;
  @ApiProperty() recordedAt!: string;

  static of(c: Consent): ConsentResponse {
    return Object.assign(new ConsentResponse(), {
      id: c.id,
      purpose: c.purpose,
      granted: c.granted,
      givenBy: c.givenBy,
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
