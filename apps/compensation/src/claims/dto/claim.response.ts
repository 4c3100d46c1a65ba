import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClaimSummary } from '../claim-figures.js';
import type { Claim } from '../claim.entity.js';
import type { CourtDecision } from '../court-decision.entity.js';
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

  static from(d: CourtDecision): CourtDecisionResponse {
    return Object.assign(new CourtDecisionResponse(), {
      id: d.id,
      court: d.court,
      decisionNumber: d.decisionNumber,
      decidedAt: d.decidedAt,
      awardedMinor: d.awardedMinor,
      fundPaymentOrdered: d.fundPaymentOrdered,
      recordedBy: d.createdBy,
      recordedAt: d.createdAt.toISOString(),
    });
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
  @ApiProperty({ enum: ['open', 'closed'], description: 'open while anything is outstanding (R-3.9)' }) status!: string;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
  @ApiProperty() claimedMaterialMinor!: number;
  @ApiProperty() claimedMoralMinor!: number;
  @ApiProperty() awardedMinor!: number;
  @ApiProperty() recoveredMinor!: number;
  @ApiProperty() paidByFundMinor!: number;
  @ApiProperty({ description: 'Requested or approved Fund payouts not yet paid' }) pendingByFundMinor!: number;
  @ApiProperty({ description: 'awarded − recovered − paid by the Fund' }) outstandingMinor!: number;
  @ApiProperty() fundPaymentOrdered!: boolean;
  @ApiProperty({ description: 'What the Fund may still pay on this claim' }) fundPayableMinor!: number;
  @ApiProperty({ type: [CourtDecisionResponse] }) courtDecisions!: CourtDecisionResponse[];
  @ApiProperty({ type: [RecoveryResponse] }) recoveries!: RecoveryResponse[];
  @ApiProperty() createdBy!: string;
  @ApiPropertyOptional() createdAt!: string;

  static from(c: Claim, s: ClaimSummary, decisions: CourtDecision[], recoveries: Recovery[]): ClaimResponse {
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
      courtDecisions: decisions.map((d) => CourtDecisionResponse.from(d)),
      recoveries: recoveries.map((r) => RecoveryResponse.from(r)),
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
    });
  }
}
