import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import {
  AGREEMENTS,
  ITEM_STATUSES,
  PLAN_DOMAINS,
  type Agreement,
  type ItemStatus,
  type PlanDomain,
} from '../plan-item.entity.js';
import { PLAN_STATUSES, type PlanStatus } from '../plan.entity.js';
import { PlanItemDto, ResponsibleOrgDto } from './create-plan.dto.js';
import { IsDateOnly, IsText } from '../../common/validators.js';

/** A change to an existing item; only the fields given change. */
export class PlanItemChangeDto {
  @ApiProperty()
  @IsUUID()
  id!: string;

  @ApiPropertyOptional({ enum: PLAN_DOMAINS })
  @IsOptional()
  @IsIn(PLAN_DOMAINS)
  domain?: PlanDomain;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(1, 500)
  goal?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsText(1, 300, true)
  actions?: string[];

  @ApiPropertyOptional({ type: ResponsibleOrgDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResponsibleOrgDto)
  responsible?: ResponsibleOrgDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  dueOn?: string;

  @ApiPropertyOptional({ enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;

  @ApiPropertyOptional({ enum: AGREEMENTS })
  @IsOptional()
  @IsIn(AGREEMENTS)
  victimAgreement?: Agreement;
}

/** PATCH of a plan: every change makes a new revision. */
export class UpdatePlanDto {
  @ApiPropertyOptional({
    description: 'The version read; refused with 409 stale-version if the plan changed since',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  reviewDueOn?: string;

  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;

  @ApiPropertyOptional({ type: [PlanItemChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanItemChangeDto)
  items?: PlanItemChangeDto[];

  @ApiPropertyOptional({ type: [PlanItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanItemDto)
  addItems?: PlanItemDto[];
}
