import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FacilityAcceptsResponse {
  @ApiProperty({ type: [String] }) sexes!: string[];
  @ApiProperty() children!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) minAge!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) maxAge!: number | null;
}

export class FacilityResponse {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['shelter', 'assistance_centre'] }) kind!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ enum: ['state', 'ngo'] }) operator!: string;
  @ApiProperty({ type: [String] }) fundingSources!: string[];
  @ApiProperty() capacity!: number;
  @ApiProperty({ type: FacilityAcceptsResponse }) accepts!: FacilityAcceptsResponse;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty() accessible!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
}

export class OccupancyResponse {
  @ApiProperty() facilityId!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Beds taken by admitted victims' }) occupied!: number;
  @ApiProperty({ description: 'Beds held for offered placements' }) held!: number;
  @ApiProperty() free!: number;
}

export class FacilityListResponse {
  @ApiProperty({ type: [FacilityResponse] }) items!: FacilityResponse[];
}
