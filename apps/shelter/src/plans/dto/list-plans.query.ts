import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

export class ListPlansQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(8, 64)
  victimRef?: string;

  @ApiPropertyOptional({ description: 'Only active plans whose review date has passed' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  reviewOverdue?: boolean;
}
