import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';

/** An NGO or international organisation added by an admin (the seeded bodies are fixed). */
export class CreateOrganisationDto {
  @ApiProperty({
    example: 'NGO-CLEARWATER',
    description: 'Upper-case code; also the `org` claim of its officers',
  })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'must be 2-40 upper-case letters, digits or dashes' })
  code!: string;

  @ApiProperty({ example: 'Clean World Social Union' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ['ngo', 'international'] })
  @IsIn(['ngo', 'international'])
  kind!: 'ngo' | 'international';
}
