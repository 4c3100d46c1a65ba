import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '../../common/validators.js';

/**
 * Enrolment of a victim. The victim's consent is not a field staff set: it is the victim's
 * current consent to rehabilitation in the referral service's register.
 */
export class EnrolDto {
  @ApiProperty()
  @IsText(8, 64)
  victimRef!: string;
}
