import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '#shared';

/** Config of the referral service: the shared variables plus its own. */
export class ReferralConfig extends BaseConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3001;
}
