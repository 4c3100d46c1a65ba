import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { PersonDto } from './create-referral.dto.js';

/** The person identified after a detected crime was reported without one. */
export class AddPersonDto {
  @ApiProperty({ type: PersonDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  person!: PersonDto;
}
