import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { IsInstant } from '../../common/validators.js';

export class DutyShiftDto {
  @ApiProperty({ example: 'spu-officer-17', description: 'The officer id (the `sub` of the officer token)' })
  @IsString()
  @Length(1, 100)
  officerId!: string;

  @ApiProperty({ example: '2026-11-25T08:00:00Z' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: '2026-11-25T20:00:00Z' })
  @IsInstant()
  endsAt!: string;
}

/**
 * The special police unit's duty roster for a period. The shifts replace every stored shift that
 * overlaps the period they span (first start to last end); shifts outside it are kept.
 */
export class PutDutyRosterDto {
  @ApiProperty({ type: [DutyShiftDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DutyShiftDto)
  shifts!: DutyShiftDto[];
}
