import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PlanItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty() domain!: string;
  @ApiProperty() goal!: string;
  @ApiProperty({ type: [String] }) actions!: string[];
  @ApiProperty() responsible!: { kind: string; org: string };
  @ApiPropertyOptional({ type: String, nullable: true }) dueOn!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty() victimAgreement!: string;
}

export class PlanResponse {
  @ApiProperty() id!: string;
  @ApiProperty() facilityId!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty({ enum: ['active', 'closed'] }) status!: string;
  @ApiProperty() reviewDueOn!: string;
  @ApiProperty({ description: 'Active and its review date has passed' }) reviewOverdue!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [PlanItemResponse] }) items!: PlanItemResponse[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class PlanListResponse {
  @ApiProperty({ type: [PlanResponse] }) items!: PlanResponse[];
}

export class PlanRevisionResponse {
  @ApiProperty() revision!: number;
  @ApiProperty() changedBy!: string;
  @ApiProperty() changedAt!: string;
  @ApiProperty({ type: PlanResponse, description: 'The plan as it was after this change' })
  plan!: PlanResponse;
}

export class PlanRevisionListResponse {
  @ApiProperty({ type: [PlanRevisionResponse] }) items!: PlanRevisionResponse[];
}
