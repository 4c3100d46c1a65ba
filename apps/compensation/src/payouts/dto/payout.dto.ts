import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PAYOUT_METHODS, type PayoutMethod } from '#shared';
import { MAX_AMOUNT_MINOR } from '../../common/money.js';
import { isAzerbaijaniIban, normaliseIban } from '../iban.js';

/** Printable text without control characters (names and references end up in XML and receipts). */
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

/**
 * `iban` must be a valid Azerbaijani IBAN for a bank transfer and absent for cash. Messages name the
 * rule, never the submitted value.
 */
@ValidatorConstraint({ name: 'ibanForMethod' })
// @clause a bank transfer needs a valid Azerbaijani IBAN; cash needs none
export class IbanForMethod implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const method = (args.object as { method?: unknown }).method;
    if (method === 'cash') return value === undefined;
    return typeof value === 'string' && value.length <= 42 && isAzerbaijaniIban(normaliseIban(value));
  }
  defaultMessage(args: ValidationArguments): string {
    return (args.object as { method?: unknown }).method === 'cash'
      ? 'must not be given for a cash payout'
      : 'must be a valid Azerbaijani IBAN (AZ, 28 characters, valid checksum)';
  }
}

/** A payout of compensation: the method is the victim's choice. */
export class CreatePayoutDto {
  @ApiProperty()
  @IsUUID()
  claimId!: string;

  @ApiProperty({ description: 'Amount, qəpik', example: 150000 })
  @IsInt() @Min(1) @Max(MAX_AMOUNT_MINOR)
  amountMinor!: number;

  @ApiProperty({ enum: PAYOUT_METHODS, description: 'As the victim chose (R-3.10)' })
  @IsIn(PAYOUT_METHODS)
  method!: PayoutMethod;

  @ApiProperty({ description: 'Name of the account holder or recipient; stored encrypted' })
  @IsString() @Length(1, 140) @Matches(PRINTABLE, { message: 'must not contain control characters' })
  beneficiaryName!: string;

  @ApiPropertyOptional({ description: 'Required for bank_transfer, absent for cash; stored encrypted', example: 'AZ21NABZ00000000137010001944' })
  @Validate(IbanForMethod)
  iban?: string;
}

export class SettlePayoutDto {
  @ApiProperty({ description: "The bank's reference of the executed transfer" })
  @IsString() @Length(1, 100) @Matches(PRINTABLE, { message: 'must not contain control characters' })
  bankReference!: string;
}

export class FailPayoutDto {
  @ApiProperty({ description: 'Reason code or short reason from the bank or officer (e.g. AC04); never personal data' })
  @IsString() @Length(1, 200) @Matches(PRINTABLE, { message: 'must not contain control characters' })
  reason!: string;
}

/** Why a change request is rejected (optional). */
export class RejectChangeDto {
  @ApiPropertyOptional({ description: 'Short reason; never personal data' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(PRINTABLE, { message: 'must not contain control characters' })
  note?: string;
}

export class CashDisbursementDto {
  @ApiProperty({ description: 'Number of the cash receipt; unique' })
  @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9/_.-]+$/)
  receiptNumber!: string;

  @ApiProperty({ description: "The recipient's identity document checked (kind and number); stored encrypted" })
  @IsString() @Length(3, 100) @Matches(PRINTABLE, { message: 'must not contain control characters' })
  identityDocument!: string;
}

export class PayoutListQueryDto {
  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  claimId?: string;
}
