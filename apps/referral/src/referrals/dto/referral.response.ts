import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLOSE_REASONS, type CloseReason, type Principal, SPECIAL_POLICE_UNIT } from '#shared';
import {
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  type ReferralKind,
  type ReferralStatus,
} from '../../common/vocabulary.js';
import { isDutyOfficer } from '../referral-access.js';
import type { Referral } from '../referral.entity.js';
import { AWAITING_HANDOVER } from '../referral-state.js';

export class HandoverView {
  @ApiProperty({ example: 'MIA-SPU' }) toOrg!: string;
  @ApiProperty() toOfficerId!: string;
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional() handedOverAt?: string;
  @ApiPropertyOptional({ description: 'Accepted after handoverDueAt: a breach of the 24-hour rule (R-4.2)' })
  late?: boolean;
  @ApiPropertyOptional({
    type: [String],
    description: 'Kinds of the documents delivered with the person (R-4.2)',
  })
  documentsDelivered?: string[];
}

/** A referral's status and handover, without personal data (that is only at /v1/victims, audited). */
export class ReferralResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: REFERRAL_KINDS }) kind!: ReferralKind;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty() reportingOrg!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ type: [String] }) exploitation!: string[];
  @ApiProperty({ type: [String] }) urgentNeeds!: string[];
  @ApiProperty() identifiedAt!: string;
  @ApiProperty() handoverDueAt!: string;
  @ApiProperty({ description: 'The 24-hour deadline is breached (R-4.2)' }) overdue!: boolean;
  @ApiPropertyOptional({ description: 'Omitted for the coordinator (aggregates only)' }) victimRef?: string;
  @ApiPropertyOptional({ type: HandoverView }) handover?: HandoverView;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional({
    description: 'Shown to the duty officer only: the same person seems reported before (blind index)',
  })
  likelyDuplicate?: boolean;
  @ApiProperty({
    description:
      'False for a detected crime reported without a person, until the duty officer adds one (R-4.1)',
  })
  personKnown!: boolean;
  @ApiPropertyOptional({ description: 'When the case was closed (R-1.3.2)' }) closedAt?: string;
  @ApiPropertyOptional({ enum: CLOSE_REASONS }) closeReason?: CloseReason;
  @ApiProperty() createdAt!: string;

  static of(r: Referral, viewer: Principal, now = new Date()): ReferralResponse {
    const overdue = r.breachedAt !== null || (AWAITING_HANDOVER.includes(r.status) && r.handoverDueAt <= now);
    const out = Object.assign(new ReferralResponse(), {
      id: r.id,
      caseNumber: r.caseNumber,
      kind: r.kind,
      status: r.status,
      reportingOrg: r.reportingOrg,
      region: r.region,
      exploitation: r.exploitation,
      urgentNeeds: r.urgentNeeds,
      identifiedAt: r.identifiedAt.toISOString(),
      handoverDueAt: r.handoverDueAt.toISOString(),
      overdue,
      personKnown: r.victimId !== null,
      createdAt: r.createdAt.toISOString(),
    });
    if (viewer.role !== 'coordinator') out.victimRef = r.victimRef;
    if (r.handoverToOfficer !== null && r.handoverRequestedAt !== null) {
      out.handover = Object.assign(new HandoverView(), {
        toOrg: SPECIAL_POLICE_UNIT,
        toOfficerId: r.handoverToOfficer,
        requestedAt: r.handoverRequestedAt.toISOString(),
        ...(r.handedOverAt
          ? {
              handedOverAt: r.handedOverAt.toISOString(),
              late: r.handoverLate === true,
              documentsDelivered: r.handoverDocuments ?? [],
            }
          : {}),
      });
    }
    if (r.decidedAt) out.decidedAt = r.decidedAt.toISOString();
    if (r.closedAt) out.closedAt = r.closedAt.toISOString();
    if (r.closeReason) out.closeReason = r.closeReason;
    if (isDutyOfficer(viewer)) out.likelyDuplicate = r.likelyDuplicate;
    return out;
  }
}

export class ReferralPageResponse {
  @ApiProperty({ type: [ReferralResponse] }) items!: ReferralResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Cursor of the next page; null on the last page',
  })
  nextCursor!: string | null;
}
