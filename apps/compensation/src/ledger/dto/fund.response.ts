import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountCode, EntryKind, InflowSource } from '../ledger.entities.js';

export class InflowResponse {
  @ApiProperty() id!: string;
  @ApiProperty() source!: InflowSource;
  @ApiProperty() amountMinor!: number;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
  @ApiProperty() reference!: string;
  @ApiProperty() recordedBy!: string;
}

/** The Fund's money now: available to approve payouts, reserved by approved ones, paid so far. */
export class BalanceResponse {
  @ApiProperty() availableMinor!: number;
  @ApiProperty() reservedMinor!: number;
  @ApiProperty() paidMinor!: number;
  @ApiProperty({ description: 'Everything ever received, by source' }) receivedMinor!: Record<
    InflowSource,
    number
  >;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
}

export class StatementLineResponse {
  @ApiProperty() account!: AccountCode;
  @ApiProperty({ description: 'Debit positive, credit negative' }) amountMinor!: number;
}

export class StatementEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['inflow', 'reservation', 'payout', 'reversal'] }) kind!: EntryKind;
  @ApiProperty() postedAt!: string;
  @ApiProperty() postedBy!: string;
  @ApiPropertyOptional() payoutId?: string;
  @ApiPropertyOptional() source?: InflowSource;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty({ type: [StatementLineResponse] }) lines!: StatementLineResponse[];
}

export class StatementAccountResponse {
  @ApiProperty() account!: AccountCode;
  @ApiProperty() openingMinor!: number;
  @ApiProperty() debitsMinor!: number;
  @ApiProperty() creditsMinor!: number;
  @ApiProperty() closingMinor!: number;
}

/** The Fund's ledger over a period: per-account opening, movements and closing, and the entries. */
export class StatementResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
  @ApiProperty({ type: [StatementAccountResponse] }) accounts!: StatementAccountResponse[];
  @ApiProperty({ type: [StatementEntryResponse] }) entries!: StatementEntryResponse[];
  @ApiProperty({ description: 'More entries exist in the period than listed' }) truncated!: boolean;
}
