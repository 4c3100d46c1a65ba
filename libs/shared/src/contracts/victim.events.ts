import { IsBoolean, IsIn, IsISO31661Alpha2, IsISO8601, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from './event-contract.js';

/** Risk levels of a victim's safety assessment. Stored in tables and events: never rename. */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * The special police unit recorded or changed a victim's safety assessment. Only the risk level
 * and whether disclosure of the victim's whereabouts is restricted leave the referral service: the
 * threats and the protection measures never do.
 */
export class VictimSafetyChangedV1 {
  @IsString() @Length(8, 64) victimRef!: string;
  @IsIn(RISK_LEVELS) riskLevel!: RiskLevel;
  /**
   * While true, no message to anyone but the facility and the special police unit names the facility
   * where the victim stays; a high-risk victim is not placed in the region of the exploitation.
   */
  @IsBoolean() restrictDisclosure!: boolean;
  /** When the assessment was recorded (ISO 8601); a consumer keeps the latest. */
  @IsISO8601() assessedAt!: string;
}
export const VictimSafetyChanged = defineEvent('victim.safety.changed', 1, VictimSafetyChangedV1);

/** The foreign victim's wish about returning to their country: nothing happens against it. */
export const RETURN_WISHES = ['return', 'stay', 'undecided'] as const;
export type ReturnWish = (typeof RETURN_WISHES)[number];

/** Statuses of a return case (R-1.2 repatriation). Stored in tables and events: never rename. */
export const RETURN_STATUSES = [
  'requested',
  'documents_ready',
  'travel_arranged',
  'returned',
  'cancelled',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/**
 * A foreign victim's return case was opened or changed status: routed to the Ministry
 * of Foreign Affairs (`MFA`) and the State Migration Service (`SMS`), and to the State Border Service
 * (`SBS`) once travel is arranged. Carries no name, document number or travel detail.
 */
export class VictimReturnChangedV1 {
  /** Id of the return case (uuid). */
  @IsUUID() returnId!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsIn(RETURN_STATUSES) status!: ReturnStatus;
  @IsIn(RETURN_WISHES) wish!: ReturnWish;
  /** ISO 3166-1 alpha-2 code of the country of return. */
  @IsISO31661Alpha2() destinationCountry!: string;
  @IsISO8601() at!: string;
}
export const VictimReturnChanged = defineEvent('victim.return.changed', 1, VictimReturnChangedV1);

/** Why a referral was closed (R-1.3.2: the retention period of personal data runs from then). */
export const CLOSE_REASONS = [
  'reintegrated',
  'returned',
  'not_a_victim',
  'merged_duplicate',
  'withdrew',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** The special police unit closed a referral; the victim's personal data is erased after the retention period. */
export class ReferralClosedV1 {
  @IsUUID() referralId!: string;
  @IsString() @Length(1, 40) caseNumber!: string;
  @IsString() @Length(8, 64) victimRef!: string;
  @IsIn(CLOSE_REASONS) reason!: CloseReason;
  @IsISO8601() closedAt!: string;
}
export const ReferralClosed = defineEvent('referral.closed', 1, ReferralClosedV1);
