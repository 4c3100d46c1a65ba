import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MAX_AMOUNT_MINOR } from '../../common/money.js';

/**
 * A victim's claim for compensation. Deliberately no field about cooperation with law
 * enforcement: eligibility never depends on it, and unknown fields are refused.
 */
export class CreateClaimDto {
  @ApiProperty({
    description: 'Pseudonym of the victim issued by the referral service',
    example: 'v_8d2f1c0a9b',
  })
  @IsString()
  @Length(8, 64)
  @Matches(/^[A-Za-z0-9_-]+$/)
  victimRef!: string;

  @ApiProperty({ description: 'Criminal or civil case number', example: 'BAK-2026-0042' })
  @IsString()
  @Length(1, 64)
  caseNumber!: string;

  @ApiProperty({ description: 'Claimed material damage, qəpik', example: 500000 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_MINOR)
  claimedMaterialMinor!: number;

  @ApiProperty({ description: 'Claimed moral damage, qəpik', example: 300000 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_MINOR)
  claimedMoralMinor!: number;
}

/** A court decision on a claim. */
export class CreateCourtDecisionDto {
  @ApiProperty({ example: 'Baku Grave Crimes Court' })
  @IsString()
  @Length(1, 200)
  court!: string;

  @ApiProperty({ example: '1(101)-123/2026' })
  @IsString()
  @Length(1, 100)
  decisionNumber!: string;

  @ApiProperty({ description: 'Date of the decision (YYYY-MM-DD)', example: '2026-10-01' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  decidedAt!: string;

  @ApiProperty({ description: 'Amount awarded to the victim, qəpik', example: 800000 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_MINOR)
  awardedMinor!: number;

  @ApiProperty({ description: 'Whether the decision orders the Assistance Fund to pay (R-3.8)' })
  @IsBoolean()
  fundPaymentOrdered!: boolean;

  @ApiPropertyOptional({
    description:
      'On appeal: the decision of this claim that this one replaces; the latest confirmed decision of a chain is in force',
  })
  @IsOptional()
  @IsUUID()
  supersedesDecisionId?: string;
}

/** Money recovered from the traffickers' property (R-3.8). */
export class CreateRecoveryDto {
  @ApiProperty({ description: 'Recovered amount, qəpik', example: 200000 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_MINOR)
  amountMinor!: number;

  @ApiProperty({ description: 'Reference of the enforcement or confiscation act', example: 'ENF-2026-771' })
  @IsString()
  @Length(1, 100)
  reference!: string;
}

/** Finding claims: by the victim's pseudonym and/or the case number. */
export class ClaimQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(8, 64)
  @Matches(/^[A-Za-z0-9_-]+$/)
  victimRef?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  caseNumber?: string;
}
