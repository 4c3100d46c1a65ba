import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { SERVICES, type ServiceKind } from './common.js';
import { defineEvent } from './event-contract.js';

/** Statuses of a service request addressed to a provider. Stored: never rename. */
export const SERVICE_REQUEST_STATUSES = ['requested', 'accepted', 'declined', 'completed'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/** Why a provider declined a request: codes only, never free text (no personal data). */
export const SERVICE_DECLINE_REASONS = [
  'no_capacity',
  'not_competent',
  'not_in_region',
  'language',
  'victim_declined',
  'other',
] as const;
export type ServiceDeclineReason = (typeof SERVICE_DECLINE_REASONS)[number];

/** Fields every answer of a provider carries. No personal data: a victimRef and codes. */
class ServiceRequestAnswerV1 {
  /** The `service.requested` request answered. */
  @IsUUID() requestId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsIn(SERVICES) service!: ServiceKind;
  /** The provider that answered (the `org` of its `service_provider` staff). */
  @IsString() @Length(1, 40) providerOrg!: string;
  /** Organisation that reported the referral: told of the answer. */
  @IsString() @Length(1, 40) referringOrg!: string;
  /** When the provider answered (ISO 8601). */
  @IsISO8601() at!: string;
}

/** The provider took the request on (R-3.3 medical aid, R-3.4 psychological aid, R-3.1 legal aid). */
export class ServiceRequestAcceptedV1 extends ServiceRequestAnswerV1 {}
export const ServiceRequestAccepted = defineEvent('service.request.accepted', 1, ServiceRequestAcceptedV1);

/** The provider declined the request; the duty officer or the reporting agency may re-address it. */
export class ServiceRequestDeclinedV1 extends ServiceRequestAnswerV1 {
  /** Reason code; free text is not carried. */
  @IsIn(SERVICE_DECLINE_REASONS) reason!: ServiceDeclineReason;
}
export const ServiceRequestDeclined = defineEvent('service.request.declined', 1, ServiceRequestDeclinedV1);

/** The provider gave the service. */
export class ServiceRequestCompletedV1 extends ServiceRequestAnswerV1 {
  /** Outcome code (`provided`, `referred_on`, …), never free text. */
  @IsOptional() @IsString() @Length(1, 64) outcome?: string;
}
export const ServiceRequestCompleted = defineEvent('service.request.completed', 1, ServiceRequestCompletedV1);
