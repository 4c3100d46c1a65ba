import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../organisation.entity.js';

export class OrganisationResponse {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiProperty() createdAt!: string;

  static of(o: Organisation): OrganisationResponse {
    return Object.assign(new OrganisationResponse(), {
      code: o.code,
      name: o.name,
      kind: o.kind,
      createdAt: o.createdAt.toISOString(),
    });
  }
}
