import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsText } from '../../common/validators.js';

export class ListPlansQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsText(8, 64)
  victimRef?: string;

  @ApiPropertyOptional({ description: 'Only active plans whose review date has passed' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  reviewOverdue?: boolean;
}
