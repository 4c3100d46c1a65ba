import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { SERVICES, type ServiceKind } from '#shared';
import type { ServiceRequest } from '../service-request.entity.js';

export class CreateServiceRequestDto {
  @ApiProperty({
    enum: SERVICES,
    description:
      "Needs the victim's current consent for it (medical → medical_examination, shelter → shelter_placement, …)",
  })
  @IsIn(SERVICES)
  service!: ServiceKind;

  @ApiPropertyOptional({
    example: 'Ganja',
    description: "Preferred region, if the victim chose another than the referral's",
  })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  region?: string;
}

export class ServiceRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty({ enum: SERVICES }) service!: ServiceKind;
  @ApiProperty() region!: string;
  @ApiProperty({ format: 'uuid', description: 'The consent record that allowed the request' })
  consentId!: string;
  @ApiProperty() requestedAt!: string;

  static of(r: ServiceRequest, victimRef: string): ServiceRequestResponse {
    return Object.assign(new ServiceRequestResponse(), {
      id: r.id,
      victimRef,
      service: r.service,
      region: r.region,
      consentId: r.consentId,
      requestedAt: r.requestedAt.toISOString(),
    });
  }
}
