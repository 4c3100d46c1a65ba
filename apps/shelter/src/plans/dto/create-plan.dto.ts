import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import {
  AGREEMENTS,
  ITEM_STATUSES,
  PLAN_DOMAINS,
  RESPONSIBLE_KINDS,
  type Agreement,
  type ItemStatus,
  type PlanDomain,
  type ResponsibleKind,
} from '../plan-item.entity.js';
import { IsDateOnly, IsText } from '../../common/validators.js';

/** The organisation that carries an item out: a state agency or an NGO. */
export class ResponsibleOrgDto {
  @ApiProperty({ enum: RESPONSIBLE_KINDS })
  @IsIn(RESPONSIBLE_KINDS)
  kind!: ResponsibleKind;

  @ApiProperty({ description: 'Organisation code, e.g. MLSPP or an NGO code', example: 'MLSPP' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'must be an organisation code' })
  org!: string;
}

/** One measure of the plan in a rehabilitation domain. */
export class PlanItemDto {
  @ApiProperty({ enum: PLAN_DOMAINS })
  @IsIn(PLAN_DOMAINS)
  domain!: PlanDomain;

  @ApiProperty()
  @IsText(1, 500)
  goal!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsText(1, 300, true)
  actions!: string[];

  @ApiProperty({ type: ResponsibleOrgDto })
  @ValidateNested()
  @Type(() => ResponsibleOrgDto)
  responsible!: ResponsibleOrgDto;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsDateOnly()
  dueOn?: string;

  @ApiPropertyOptional({ enum: ITEM_STATUSES, default: 'proposed' })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;

  @ApiPropertyOptional({
    enum: AGREEMENTS,
    default: 'pending',
    description: "The victim's agreement (R-6.5)",
  })
  @IsOptional()
  @IsIn(AGREEMENTS)
  victimAgreement?: Agreement;
}

/** A new individual plan of one victim at the caller's assistance centre. */
export class CreatePlanDto {
  @ApiProperty()
  @IsText(8, 64)
  victimRef!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Next review of the plan' })
  @IsDateOnly()
  reviewDueOn!: string;

  @ApiProperty({ type: [PlanItemDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanItemDto)
  items!: PlanItemDto[];
}
