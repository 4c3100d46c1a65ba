import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PayoutMethod } from '#shared';
import type { Payout, PayoutTransition } from '../payout.entity.js';
import type { ChangeRequestRecord } from '../payouts.repository.js';
import { PAYOUT_STATUSES, type PayoutStatus } from '../payout-state.js';

export class PayoutTransitionResponse {
  @ApiPropertyOptional({ enum: PAYOUT_STATUSES, nullable: true }) from!: PayoutStatus | null;
  @ApiProperty({ enum: PAYOUT_STATUSES }) to!: PayoutStatus;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() note?: string;
}

/** A request that a payout be failed or returned, and what became of it (four eyes). */
export class ChangeRequestResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['fail', 'return'] }) kind!: 'fail' | 'return';
  @ApiProperty() reason!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({
    enum: ['pending', 'confirmed', 'rejected', 'overtaken'],
    description: 'overtaken: a bank report decided first',
  })
  decision!: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() note?: string;

  static from(r: ChangeRequestRecord): ChangeRequestResponse {
    return Object.assign(new ChangeRequestResponse(), {
      id: r.request.id,
      kind: r.request.kind,
      reason: r.request.reason,
      requestedBy: r.request.requestedBy,
      requestedAt: r.request.requestedAt.toISOString(),
      decision: r.decision?.decision ?? 'pending',
      ...(r.decision
        ? { decidedBy: r.decision.decidedBy, decidedAt: r.decision.decidedAt.toISOString() }
        : {}),
      ...(r.decision?.note ? { note: r.decision.note } : {}),
    });
  }
}

/** A payout without the beneficiary's identity: the IBAN only masked, no name. */
export class PayoutResponse {
  @ApiProperty() id!: string;
  @ApiProperty() claimId!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
  @ApiProperty({ enum: ['bank_transfer', 'cash'] }) method!: PayoutMethod;
  @ApiProperty({ enum: PAYOUT_STATUSES }) status!: PayoutStatus;
  @ApiPropertyOptional({ description: 'First and last four characters of the IBAN' }) ibanMasked?: string;
  @ApiPropertyOptional({ description: "The creditor bank's BIC" }) bic?: string;
  @ApiPropertyOptional({
    enum: ['victim'],
    description:
      'R-3.10: the method was the victim’s choice (absent only on payouts made before this was recorded)',
  })
  methodChosenBy?: 'victim';
  @ApiPropertyOptional({ description: 'Who recorded the victim’s choice' }) methodRecordedBy?: string;
  @ApiPropertyOptional() methodRecordedAt?: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiPropertyOptional() approvedAt?: string;
  @ApiPropertyOptional() batchId?: string;
  @ApiPropertyOptional() bankReference?: string;
  @ApiPropertyOptional() failureReason?: string;
  @ApiPropertyOptional() receiptNumber?: string;
  @ApiProperty({ type: [PayoutTransitionResponse], description: 'Every state change, with who and when' })
  history!: PayoutTransitionResponse[];
  @ApiProperty({
    type: [ChangeRequestResponse],
    description: 'Requests to fail or return the payout after its file was issued, and their decisions',
  })
  changeRequests!: ChangeRequestResponse[];

  static from(
    p: Payout,
    history: PayoutTransition[],
    requests: ChangeRequestRecord[],
    iban?: string,
  ): PayoutResponse {
    const opt = <K extends string>(key: K, v: string | null | undefined) => (v ? { [key]: v } : {});
    return Object.assign(new PayoutResponse(), {
      id: p.id,
      claimId: p.claimId,
      victimRef: p.victimRef,
      amountMinor: p.amountMinor,
      currency: 'AZN' as const,
      method: p.method,
      status: p.status,
      ...opt('ibanMasked', iban ? `${iban.slice(0, 4)}…${iban.slice(-4)}` : undefined),
      ...opt('bic', p.bic),
      ...opt('methodChosenBy', p.methodChosenBy),
      ...opt('methodRecordedBy', p.methodRecordedBy),
      ...opt('methodRecordedAt', p.methodRecordedAt?.toISOString()),
      createdBy: p.createdBy,
      createdAt: p.createdAt.toISOString(),
      ...opt('approvedBy', p.approvedBy),
      ...opt('approvedAt', p.approvedAt?.toISOString()),
      ...opt('batchId', p.batchId),
      ...opt('bankReference', p.bankReference),
      ...opt('failureReason', p.failureReason),
      ...opt('receiptNumber', p.receiptNumber),
      history: history.map((t) =>
        Object.assign(new PayoutTransitionResponse(), {
          from: t.fromStatus,
          to: t.toStatus,
          by: t.actor,
          at: t.at.toISOString(),
          ...(t.note ? { note: t.note } : {}),
        }),
      ),
      changeRequests: requests.map((r) => ChangeRequestResponse.from(r)),
    });
  }
}

/** The beneficiary's payment details, for fund staff only; every read is recorded. */
export class PaymentDetailsResponse {
  @ApiProperty() payoutId!: string;
  @ApiProperty() beneficiaryName!: string;
  @ApiPropertyOptional() iban?: string;
}
