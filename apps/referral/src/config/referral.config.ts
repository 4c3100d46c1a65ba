import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BaseConfig, IsActiveKeyOf, IsKeyRing } from '#shared';

/**
 * Config of the referral service: the shared variables plus its own. The encryption keys have no
 * defaults anywhere: a service that starts without them would store victims' data unprotected
 * (R-1.3.2), so it refuses to start.
 */
export class ReferralConfig extends BaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3001;

  /**
   * Key ring for victims' personal data: `kid1:base64key,kid2:base64key`, each key 32 random bytes
   * (`openssl rand -base64 32`). Old keys stay in the ring to decrypt values written with them.
   */
  @IsString()
  @IsKeyRing()
  PII_KEYS!: string;

  /** Key id (from PII_KEYS) that encrypts new values. */
  @IsString()
  @IsActiveKeyOf('PII_KEYS')
  PII_ACTIVE_KEY_ID!: string;

  /** Base64 key (at least 32 bytes) of the keyed blind index used to find likely duplicates. */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43,}={0,2}$/, { message: 'must be base64 of at least 32 bytes' })
  BLIND_INDEX_KEY!: string;

  /** How long before the 24-hour handover deadline the duty officer is warned, in minutes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1439)
  DEADLINE_LEAD_MINUTES = 240;

  /** How often the deadline monitor looks for due referrals, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  DEADLINE_SCAN_MS = 30_000;

  /** How long an Idempotency-Key is remembered, in hours; older keys are forgotten (a retry after that creates a new referral). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(87_600)
  IDEMPOTENCY_KEY_TTL_HOURS = 720;

  /** Referrals marked per monitor transaction (the rest wait for the next loop). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  DEADLINE_BATCH_SIZE = 200;

  /**
   * Days after a referral is closed before the victim's personal data is erased by crypto-shredding
   * kept no longer than needed). 0 erases at the next run of the erasure job.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36_500)
  PERSONAL_DATA_RETENTION_DAYS = 1825;

  /** How often the erasure and re-keying jobs look for work, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(86_400_000)
  ERASURE_SCAN_MS = 3_600_000;
}
