import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '#shared';

/** Config of the reporting service: the shared variables plus its own. */
export class ReportingConfig extends BaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3006;

  /**
   * k of the disclosure control: a published count, or a sum over a group, of fewer than k
   * victims is suppressed, as the Counter Trafficking Data Collaborative does (k = 11).
   */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  REPORT_MIN_CELL = 11;
}
