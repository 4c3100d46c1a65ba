import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '#shared';

/** Config of the shelter service: the shared variables plus its own. */
export class ShelterConfig extends BaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3002;

  /** How long a held bed waits for the facility to admit the victim before it is released and re-offered, in minutes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  OFFER_TTL_MINUTES = 240;

  /** Expected arrival of the victim after the offer, in minutes (told to the facility; never after the offer expires). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  EXPECTED_ARRIVAL_MINUTES = 120;

  /** How often the offer-expiry worker releases expired holds and serves the waiting list, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  OFFER_SWEEP_INTERVAL_MS = 30_000;
}
