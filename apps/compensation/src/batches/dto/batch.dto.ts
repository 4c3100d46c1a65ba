import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const BANK_OUTCOMES = ['settled', 'failed', 'returned'] as const;
export type BankOutcome = (typeof BANK_OUTCOMES)[number];

export class CreatePayoutBatchDto {
  @ApiProperty({ type: [String], description: 'Approved bank-transfer payouts to send in one pain.001 file' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  payoutIds!: string[];
}

export class PayoutBatchResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'pain.001 message id' }) messageId!: string;
  @ApiProperty() payoutCount!: number;
  @ApiProperty() controlSumMinor!: number;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
  @ApiProperty({ type: [String] }) payoutIds!: string[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
}

/** One payout's outcome as reported by the bank. */
export class BankStatusItemDto {
  @ApiProperty()
  @IsUUID()
  payoutId!: string;

  @ApiProperty({ enum: BANK_OUTCOMES })
  @IsIn(BANK_OUTCOMES)
  outcome!: BankOutcome;

  @ApiPropertyOptional({ description: "The bank's reference; required when settled" })
  @ValidateIf((o: BankStatusItemDto) => o.outcome === 'settled' || o.bankReference !== undefined)
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\p{Cc}\p{Cf}]+$/u)
  bankReference?: string;

  @ApiPropertyOptional({
    description: 'Reason code (e.g. AC04); required when failed or returned; never personal data',
  })
  @ValidateIf((o: BankStatusItemDto) => o.outcome !== 'settled' || o.reason !== undefined)
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{Cc}\p{Cf}]+$/u)
  reason?: string;
}

/** A bank status report for a batch (the essentials of a pain.002 / account statement). */
export class BankStatusImportDto {
  @ApiProperty({ type: [BankStatusItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => BankStatusItemDto)
  results!: BankStatusItemDto[];
}

export class BankStatusItemResult {
  @ApiProperty() payoutId!: string;
  @ApiProperty({
    enum: ['applied', 'requested', 'replayed', 'refused', 'pending'],
    description: 'requested: recorded as a failure or return request for a second person to confirm',
  })
  result!: 'applied' | 'requested' | 'replayed' | 'refused' | 'pending';
  @ApiProperty({ description: 'Status of the payout after the import' }) status!: string;
  @ApiPropertyOptional({ description: 'Problem type when refused' }) error?: string;
}

export class BankStatusImportResponse {
  @ApiPropertyOptional({ description: 'The batch the report is about (absent for a camt.054 notification)' })
  batchId?: string;
  @ApiProperty({ type: [BankStatusItemResult] }) results!: BankStatusItemResult[];
}

/** A bank's ISO 20022 pain.002 status report on a batch, as XML text. */
export class Pain002ImportDto {
  @ApiProperty({ description: 'The pain.002 XML document (UTF-8 text)' })
  @IsString()
  @Length(1, 1_000_000)
  document!: string;
}

/** A bank's ISO 20022 camt.054 debit/credit notification on the Fund's account, as XML text. */
export class Camt054ImportDto {
  @ApiProperty({ description: 'The camt.054 XML document (UTF-8 text)' })
  @IsString()
  @Length(1, 1_000_000)
  document!: string;
}
