import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  PageCursorQuery,
  PageLimit,
  SERVICE_DECLINE_REASONS,
  SERVICE_REQUEST_STATUSES,
  SERVICES,
  type ServiceDeclineReason,
  type ServiceKind,
  type ServiceRequestStatus,
} from '#shared';
import type { ServiceRequestView } from '../service-requests.repository.js';

const ORG_CODE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

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

  @ApiPropertyOptional({
    example: 'MOH',
    description:
      'The body that provides the service and answers the request: medical → MOH unless another registered provider is named (R-3.3); legal_aid → the orgCode of a provider of the legal-aid directory, required (R-3.1); psychological, rehabilitation → the code of an assistance centre or NGO, required (R-3.4, R-6.1); shelter → absent (the shelter service chooses)',
  })
  @IsOptional()
  @Matches(ORG_CODE, { message: 'must be an organisation or facility code' })
  providerOrg?: string;
}

export class ReaddressServiceRequestDto {
  @ApiProperty({ example: 'NGO-PSY-2', description: 'The next provider, after a decline' })
  @Matches(ORG_CODE, { message: 'must be an organisation or facility code' })
  providerOrg!: string;
}

export class DeclineServiceRequestDto {
  @ApiProperty({ enum: SERVICE_DECLINE_REASONS, description: 'A code; free text is not kept' })
  @IsIn(SERVICE_DECLINE_REASONS)
  reason!: ServiceDeclineReason;
}

export const COMPLETION_OUTCOMES = ['provided', 'referred_on', 'victim_declined'] as const;

export class CompleteServiceRequestDto {
  @ApiPropertyOptional({ enum: COMPLETION_OUTCOMES, default: 'provided' })
  @IsOptional()
  @IsIn(COMPLETION_OUTCOMES)
  outcome?: (typeof COMPLETION_OUTCOMES)[number];
}

export class ListServiceRequestsQuery extends PageCursorQuery {
  @ApiPropertyOptional({ example: 'V-0123456789ABCDEFGHJK' })
  @IsOptional()
  @Matches(/^V-[0-9A-HJKMNP-TV-Z]{20}$/, { message: 'must be a victim reference V- and 20 characters' })
  victimRef?: string;

  @ApiPropertyOptional({ enum: SERVICE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(SERVICE_REQUEST_STATUSES)
  status?: ServiceRequestStatus;

  @ApiPropertyOptional({ example: 'MOH' })
  @IsOptional()
  @Matches(ORG_CODE, { message: 'must be an organisation or facility code' })
  providerOrg?: string;

  @ApiPropertyOptional({ enum: SERVICES })
  @IsOptional()
  @IsIn(SERVICES)
  service?: ServiceKind;

  @PageLimit(100, 20)
  limit?: number;
}

export class ServiceRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: SERVICES }) service!: ServiceKind;
  @ApiPropertyOptional({ description: 'The body the request is addressed to; absent for shelter' })
  providerOrg?: string;
  @ApiProperty({ enum: SERVICE_REQUEST_STATUSES }) status!: ServiceRequestStatus;
  @ApiProperty() region!: string;
  @ApiProperty({ format: 'uuid', description: 'The consent record that allowed the request' })
  consentId!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty() requestedByOrg!: string;
  @ApiPropertyOptional({ enum: SERVICE_DECLINE_REASONS }) declineReason?: ServiceDeclineReason;
  @ApiPropertyOptional() outcome?: string;
  @ApiPropertyOptional() answeredAt?: string;
  @ApiProperty({ type: [String], description: 'Providers that declined before it was re-addressed' })
  previousProviders!: string[];

  static of(r: ServiceRequestView): ServiceRequestResponse {
    return Object.assign(new ServiceRequestResponse(), {
      id: r.id,
      victimRef: r.victimRef,
      caseNumber: r.caseNumber,
      service: r.service,
      ...(r.providerOrg !== null ? { providerOrg: r.providerOrg } : {}),
      status: r.status,
      region: r.region,
      consentId: r.consentId,
      requestedAt: r.requestedAt.toISOString(),
      requestedByOrg: r.requestedByOrg,
      ...(r.declineReason !== null ? { declineReason: r.declineReason } : {}),
      ...(r.outcome !== null ? { outcome: r.outcome } : {}),
      ...(r.answeredAt !== null ? { answeredAt: r.answeredAt.toISOString() } : {}),
      previousProviders: r.previousProviders,
    });
  }
}

export class ServiceRequestPageResponse {
  @ApiProperty({ type: [ServiceRequestResponse] }) items!: ServiceRequestResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Cursor of the next page; null on the last page',
  })
  nextCursor!: string | null;
}
