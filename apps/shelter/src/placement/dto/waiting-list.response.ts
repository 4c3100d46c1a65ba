import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class WaitingEntryResponse {
  @ApiProperty({ description: '1 = served first' }) position!: number;
  @ApiProperty() requestId!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() child!: boolean;
  @ApiProperty({ description: 'Preferred region' }) region!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() requestedAt!: string;
  @ApiProperty() waitlistedAt!: string;
}

export class WaitingListResponse {
  @ApiProperty({ type: [WaitingEntryResponse] }) items!: WaitingEntryResponse[];
}

export class WaitingListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
