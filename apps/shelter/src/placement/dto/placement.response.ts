import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The minimal profile of the victim: what staff need to prepare the admission; never a name. */
export class PlacementProfileResponse {
  @ApiProperty() sex!: string;
  @ApiProperty() ageBand!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) age!: number | null;
  @ApiProperty() child!: boolean;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String] }) needs!: string[];
}

export class PlacementResponse {
  @ApiProperty() id!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() facilityId!: string;
  @ApiProperty() facilityCode!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: ['offered', 'admitted', 'declined', 'expired', 'discharged'] }) status!: string;
  @ApiProperty({ type: PlacementProfileResponse }) profile!: PlacementProfileResponse;
  @ApiProperty() offeredAt!: string;
  @ApiProperty() offerExpiresAt!: string;
  @ApiProperty() expectedArrivalAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) admittedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) declinedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) declineReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) dischargedAt!: string | null;
}

export class PlacementPageResponse {
  @ApiProperty({ type: [PlacementResponse] }) items!: PlacementResponse[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Cursor of the next page, null on the last',
  })
  nextCursor!: string | null;
}
