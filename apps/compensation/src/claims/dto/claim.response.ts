import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClaimSummary } from '../claim-figures.js';
import type { Claim } from '../claim.entity.js';
import type { RecordedDecision } from '../claims.repository.js';
import { decisionsInForce } from '../court-decision-rules.js';
import type { Recovery } from '../recovery.entity.js';

export class CourtDecisionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() court!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty() awardedMinor!: number;
  @ApiProperty() fundPaymentOrdered!: boolean;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({
    enum: ['pending_confirmation', 'confirmed'],
    description: 'A decision counts only once a second person confirmed it',
  })
  status!: 'pending_confirmation' | 'confirmed';
  @ApiPropertyOptional() confirmedBy?: string;
  @ApiPropertyOptional() confirmedAt?: string;
  @ApiPropertyOptional({ description: 'The decision this one replaces (on appeal)' })
  supersedesDecisionId?: string;
  @ApiPropertyOptional({ description: 'The decision that replaces this one' })
  supersededByDecisionId?: string;
  @ApiProperty({
    description: 'Whether this decision is the award in force of its chain (the latest confirmed)',
  })
  inForce!: boolean;
  @ApiPropertyOptional({
    description: 'Recorded twice before decisions were keyed: this re-entry never counts',
  })
  duplicateOf?: string;

  static from(
    r: RecordedDecision,
    inForce: boolean,
    supersededBy: string | undefined,
  ): CourtDecisionResponse {
    const d = r.decision;
    return Object.assign(new CourtDecisionResponse(), {
      id: d.id,
      court: d.court,
      decisionNumber: d.decisionNumber,
      decidedAt: d.decidedAt,
      awardedMinor: d.awardedMinor,
      fundPaymentOrdered: d.fundPaymentOrdered,
      recordedBy: d.createdBy,
      recordedAt: d.createdAt.toISOString(),
      status: r.confirmation ? 'confirmed' : 'pending_confirmation',
      ...(r.confirmation
        ? { confirmedBy: r.confirmation.confirmedBy, confirmedAt: r.confirmation.confirmedAt.toISOString() }
        : {}),
      ...(d.supersedesDecisionId ? { supersedesDecisionId: d.supersedesDecisionId } : {}),
      ...(supersededBy ? { supersededByDecisionId: supersededBy } : {}),
      inForce,
      ...(d.duplicateOf ? { duplicateOf: d.duplicateOf } : {}),
    });
  }

  /** All decisions of a claim, each marked whether it is in force and what replaces it. */
  static list(decisions: RecordedDecision[]): CourtDecisionResponse[] {
    const live = decisions.filter((r) => r.decision.duplicateOf === null);
    const inForce = new Set(
      decisionsInForce(
        live.map((r) => ({
          ...r.decision,
          supersedesId: r.decision.supersedesDecisionId,
          confirmed: r.confirmation !== null,
        })),
      ).map((d) => d.id),
    );
    const supersededBy = new Map(
      decisions
        .filter((r) => r.decision.supersedesDecisionId)
        .map((r) => [r.decision.supersedesDecisionId!, r.decision.id]),
    );
    return decisions.map((r) =>
      CourtDecisionResponse.from(r, inForce.has(r.decision.id), supersededBy.get(r.decision.id)),
    );
  }
}

export class RecoveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() reference!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;

  static from(r: Recovery): RecoveryResponse {
    return Object.assign(new RecoveryResponse(), {
      id: r.id,
      amountMinor: r.amountMinor,
      reference: r.reference,
      recordedBy: r.createdBy,
      recordedAt: r.createdAt.toISOString(),
    });
  }
}

/** A claim with its figures: awarded, recovered, paid by the Fund and outstanding. */
export class ClaimResponse {
  @ApiProperty() id!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: ['open', 'closed'], description: 'open while anything is outstanding (R-3.9)' })
  status!: string;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
  @ApiProperty() claimedMaterialMinor!: number;
  @ApiProperty() claimedMoralMinor!: number;
  @ApiProperty({
    description: 'Awarded by the decisions in force: the latest confirmed decision of each chain (R-3.8)',
  })
  awardedMinor!: number;
  @ApiProperty() recoveredMinor!: number;
  @ApiProperty() paidByFundMinor!: number;
  @ApiProperty({ description: 'Requested or approved Fund payouts not yet paid' })
  pendingByFundMinor!: number;
  @ApiProperty({ description: 'awarded − recovered − paid by the Fund' }) outstandingMinor!: number;
  @ApiProperty() fundPaymentOrdered!: boolean;
  @ApiProperty({ description: 'What the Fund may still pay on this claim' }) fundPayableMinor!: number;
  @ApiProperty({ type: [CourtDecisionResponse] }) courtDecisions!: CourtDecisionResponse[];
  @ApiProperty({ type: [RecoveryResponse] }) recoveries!: RecoveryResponse[];
  @ApiProperty() createdBy!: string;
  @ApiPropertyOptional() createdAt!: string;

  static from(
    c: Claim,
    s: ClaimSummary,
    decisions: RecordedDecision[],
    recoveries: Recovery[],
  ): ClaimResponse {
    return Object.assign(new ClaimResponse(), {
      id: c.id,
      victimRef: c.victimRef,
      caseNumber: c.caseNumber,
      status: s.status,
      currency: 'AZN' as const,
      claimedMaterialMinor: c.claimedMaterialMinor,
      claimedMoralMinor: c.claimedMoralMinor,
      awardedMinor: s.awardedMinor,
      recoveredMinor: s.recoveredMinor,
      paidByFundMinor: s.paidByFundMinor,
      pendingByFundMinor: s.pendingByFundMinor,
      outstandingMinor: s.outstandingMinor,
      fundPaymentOrdered: s.fundPaymentOrdered,
      fundPayableMinor: s.fundPayableMinor,
      courtDecisions: CourtDecisionResponse.list(decisions),
      recoveries: recoveries.map((r) => RecoveryResponse.from(r)),
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
    });
  }
}
