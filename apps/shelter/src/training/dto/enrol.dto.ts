import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsText } from '../../common/validators.js';

/** Enrolment of a victim, recording the victim's consent given to the enrolling staff. */
export class EnrolDto {
  @ApiProperty()
  @IsText(8, 64)
  victimRef!: string;

  @ApiProperty({
    description: 'The victim consented to this enrolment (R-6.5); without it the enrolment is refused',
  })
  @IsBoolean()
  victimConsent!: boolean;
}
