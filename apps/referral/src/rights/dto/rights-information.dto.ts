import { ApiProperty } from '@nestjs/swagger';
import { IsISO6391, IsUUID } from 'class-validator';
import type { RightsInformation } from '../rights-information.entity.js';

export class RecordRightsInformationDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The legal aid provider the victim was told about (GET /v1/legal-aid-providers)',
  })
  @IsUUID()
  providerId!: string;

  @ApiProperty({ example: 'az', description: 'Language the information was given in (ISO 639-1)' })
  @IsISO6391()
  language!: string;
}

export class RightsInformationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty() language!: string;
  @ApiProperty() informedBy!: string;
  @ApiProperty() informedByOrg!: string;
  @ApiProperty() informedAt!: string;

  static of(r: RightsInformation): RightsInformationResponse {
    return Object.assign(new RightsInformationResponse(), {
      id: r.id,
      providerId: r.providerId,
      language: r.language,
      informedBy: r.informedBy,
      informedByOrg: r.informedByOrg,
      informedAt: r.informedAt.toISOString(),
    });
  }
}
