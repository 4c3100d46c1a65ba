import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProgrammeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['MOE', 'MLSPP'] }) leadMinistry!: string;
  @ApiProperty({ type: [String] }) partnerNgos!: string[];
  @ApiProperty({ type: [String] }) fundingSources!: string[];
  @ApiProperty() region!: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty() seats!: number;
  @ApiProperty() enrolled!: number;
  @ApiProperty() seatsFree!: number;
}

export class ProgrammeListResponse {
  @ApiProperty({ type: [ProgrammeResponse] }) items!: ProgrammeResponse[];
}

export class EnrolmentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() programmeId!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty() facilityId!: string;
  @ApiProperty({ enum: ['enrolled', 'completed', 'withdrawn'] }) status!: string;
  @ApiProperty() consentRecordedAt!: string;
  @ApiProperty() enrolledAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) completedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) withdrawnAt!: string | null;
}

export class EnrolmentListResponse {
  @ApiProperty({ type: [EnrolmentResponse] }) items!: EnrolmentResponse[];
}
