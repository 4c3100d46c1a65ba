import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { RISK_LEVELS, type RiskLevel } from '#shared';

/** The safety assessment, recorded by the special police unit's duty officer. */
export class PutSafetyDto {
  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  riskLevel!: RiskLevel;

  @ApiProperty({
    type: [String],
    example: ['Contacted by the recruiter by phone'],
    description: 'Threats to the victim; encrypted at rest, never in events or logs',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  threats!: string[];

  @ApiProperty({
    type: [String],
    example: ['Placement address withheld', 'Police escort to court hearings'],
    description:
      'Protection measures taken under the law on state protection of persons in criminal proceedings; encrypted at rest',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  measures!: string[];

  @ApiProperty({
    description:
      "While true, no message to anyone but the facility and the special police unit names the victim's facility",
  })
  @IsBoolean()
  restrictDisclosure!: boolean;
}

export class SafetyResponse {
  @ApiProperty() victimRef!: string;
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel!: RiskLevel;
  @ApiProperty({ type: [String] }) threats!: string[];
  @ApiProperty({ type: [String] }) measures!: string[];
  @ApiProperty() restrictDisclosure!: boolean;
  @ApiProperty() assessedBy!: string;
  @ApiProperty() assessedAt!: string;
  @ApiProperty() version!: number;
}
