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
import { isAzerbaijaniIban, isValidAnyIban, isValidBic, normaliseBic, normaliseIban } from '../iban.js';

/** Printable text without control characters (names and references end up in XML and receipts). */
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

/**
 * `iban` must be a valid IBAN (any country) for a bank transfer and absent for cash. Messages name
 * the rule, never the submitted value.
 */
// @clause a bank transfer needs a valid IBAN of any country; cash needs none
@ValidatorConstraint({ name: 'ibanForMethod' })
export class IbanForMethod implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const method = (args.object as { method?: unknown }).method;
    if (method === 'cash') return value === undefined;
    return typeof value === 'string' && value.length <= 42 && isValidAnyIban(normaliseIban(value));
  }
  defaultMessage(args: ValidationArguments): string {
    return (args.object as { method?: unknown }).method === 'cash'
      ? 'must not be given for a cash payout'
      : 'must be a valid IBAN (country format and checksum)';
  }
}

/** `bic` is required for an IBAN outside Azerbaijan, optional for a domestic one, absent for cash; always a valid ISO 9362 BIC. */
@ValidatorConstraint({ name: 'bicForIban' })
export class BicForIban implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const { method, iban } = args.object as { method?: unknown; iban?: unknown };
    if (method === 'cash') return value === undefined;
    if (value === undefined)
      return (
        typeof iban !== 'string' ||
        !isValidAnyIban(normaliseIban(iban)) ||
        isAzerbaijaniIban(normaliseIban(iban))
      );
    return typeof value === 'string' && value.length <= 14 && isValidBic(normaliseBic(value));
  }
  defaultMessage(args: ValidationArguments): string {
    const { method } = args.object as { method?: unknown };
    return method === 'cash'
      ? 'must not be given for a cash payout'
      : "must be the creditor bank's BIC (ISO 9362, 8 or 11 characters); required for an IBAN outside Azerbaijan";
  }
}

/** A payout of compensation: the method is the victim's choice. */
export class CreatePayoutDto {
  @ApiProperty()
  @IsUUID()
  claimId!: string;

  @ApiProperty({ description: 'Amount, qəpik', example: 150000 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_MINOR)
  amountMinor!: number;

  @ApiProperty({ enum: PAYOUT_METHODS, description: 'As the victim chose (R-3.10)' })
  @IsIn(PAYOUT_METHODS)
  method!: PayoutMethod;

  @ApiProperty({ description: 'Name of the account holder or recipient; stored encrypted' })
  @IsString()
  @Length(1, 140)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  beneficiaryName!: string;

  @ApiPropertyOptional({
    description: 'Any valid IBAN; required for bank_transfer, absent for cash; stored encrypted',
    example: 'AZ21NABZ00000000137010001944',
  })
  @Validate(IbanForMethod)
  iban?: string;

  @ApiPropertyOptional({
    description: "The creditor bank's BIC (ISO 9362); required when the IBAN is not Azerbaijani",
    example: 'COBADEFFXXX',
  })
  @Validate(BicForIban)
  bic?: string;

  @ApiProperty({
    enum: ['victim'],
    description: 'Who chose the method: always the victim (R-3.10); anything else is refused with 422',
  })
  @IsString()
  @Length(1, 40)
  methodChosenBy!: string;
}

export class SettlePayoutDto {
  @ApiProperty({ description: "The bank's reference of the executed transfer" })
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  bankReference!: string;
}

export class FailPayoutDto {
  @ApiProperty({
    description: 'Reason code or short reason from the bank or officer (e.g. AC04); never personal data',
  })
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  reason!: string;
}

/** Why a change request is rejected (optional). */
export class RejectChangeDto {
  @ApiPropertyOptional({ description: 'Short reason; never personal data' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  note?: string;
}

export class CashDisbursementDto {
  @ApiProperty({ description: 'Number of the cash receipt; unique' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9/_.-]+$/)
  receiptNumber!: string;

  @ApiProperty({
    description: "The recipient's identity document checked (kind and number); stored encrypted",
  })
  @IsString()
  @Length(3, 100)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  identityDocument!: string;
}

export class PayoutListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  claimId?: string;
}
