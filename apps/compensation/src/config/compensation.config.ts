import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '#shared';

/** Config of the compensation service: the shared variables plus its own. */
export class CompensationConfig extends BaseConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3003;
}
