import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  Validate,
  ValidatorConstraint,
  isEmail,
  isURL,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { CHANNELS, LANGUAGES, type Channel, type Language } from '../../routing/channels.js';

/** Organisation or facility codes: letters, digits, `-`, `_`, `.`. */
export const ORG_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
/** E.164 phone number. */
export const E164 = /^\+[1-9]\d{6,14}$/;
/** Standard Webhooks secret: `whsec_` + base64 of 24 to 64 random bytes. */
export const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{32,86}={0,2}$/;

/** The address must be an e-mail address, an http(s) URL or an E.164 number, as the channel says. */
@ValidatorConstraint({ name: 'addressFitsChannel' })
export class AddressFitsChannel implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string') return false;
    const channel = (args.object as { channel?: unknown }).channel;
    if (channel === 'email') return isEmail(value);
    if (channel === 'webhook')
      return isURL(value, { protocols: ['http', 'https'], require_protocol: true, require_tld: false });
    if (channel === 'sms') return E164.test(value);
    return true; // the channel itself is reported as invalid
  }

  defaultMessage(args: ValidationArguments): string {
    const channel = (args.object as { channel?: unknown }).channel;
    if (channel === 'email') return 'must be an e-mail address';
    if (channel === 'webhook') return 'must be an http(s) URL';
    return 'must be an E.164 phone number';
  }
}

export class CreateRecipientDto {
  @ApiProperty({ example: 'MIA-SPU', description: 'Organisation code or facility code' })
  @IsString()
  @Matches(ORG_CODE, { message: 'must be an organisation or facility code' })
  org!: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({
    example: 'duty@police.gov.az',
    description: 'E-mail address, http(s) URL or E.164 phone number, by channel',
  })
  @IsString()
  @Length(3, 500)
  @Validate(AddressFitsChannel)
  address!: string;

  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language!: Language;

  @ApiPropertyOptional({
    description: 'Webhook signing secret, `whsec_` + base64 (webhooks only; write-only)',
    writeOnly: true,
  })
  @IsOptional()
  @IsString()
  @Matches(WEBHOOK_SECRET, { message: 'must be whsec_ followed by base64 of 24 to 64 bytes' })
  secret?: string;
}
