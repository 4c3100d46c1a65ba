import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min, Validate } from 'class-validator';
import { BaseConfig, IsActiveKeyOf, IsKeyRing } from '#shared';
import { IsAzerbaijaniIban } from './config.validators.js';

/**
 * Config of the compensation service: the shared variables plus its own. Property names are the
 * environment variable names.
 */
export class CompensationConfig extends BaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3003;

  /**
   * Key ring that encrypts beneficiaries' payment data at rest (AES-256-GCM):
   * `kid:base64key,kid2:base64key` with every key exactly 32 bytes. Old keys stay in the ring so that
   * values written under them can still be read; new values use PAYMENT_DATA_ACTIVE_KEY_ID.
   */
  @IsString()
  @IsKeyRing()
  PAYMENT_DATA_KEYS!: string;

  /**
   * How often values still encrypted under an older key are re-encrypted under the active one, in ms
   * (0 = never). After a rotation, the old key can leave the ring once this has caught up.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  PAYMENT_DATA_REKEY_INTERVAL_MS = 60_000;

  /**
   * Ledger-posting transactions (approvals, settlements, inflows …) run at once per instance; they
   * serialise on the account rows anyway, so more only ties up pooled connections (see LedgerGate).
   * Capped at DATABASE_POOL_SIZE − 2.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  LEDGER_CONCURRENCY = 8;

  /** Id of the key in PAYMENT_DATA_KEYS that encrypts new values. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  @IsActiveKeyOf('PAYMENT_DATA_KEYS')
  PAYMENT_DATA_ACTIVE_KEY_ID!: string;

  /**
   * The Assistance Fund's own account: debtor of every pain.001 credit transfer. Optional so that the
   * service can run without it (e.g. cash only); pain.001 export answers 503 until it and
   * FUND_DEBTOR_BIC are set. No default: a wrong debtor account must never reach a bank.
   */
  @IsOptional()
  @IsString()
  @Validate(IsAzerbaijaniIban)
  FUND_DEBTOR_IBAN?: string;

  /**
   * Name of the debtor (the Fund) in pain.001 files and on receipts. It appears on the beneficiary's
   * bank statement, so keep it neutral: a name that says "victims of trafficking" would tell the
   * bank, and anyone who sees the statement, what the beneficiary went through.
   */
  @IsString()
  @Length(1, 140)
  FUND_DEBTOR_NAME = 'Assistance Fund';

  /** BIC of the Fund's bank (ISO 9362, 8 or 11 characters); see FUND_DEBTOR_IBAN. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/)
  FUND_DEBTOR_BIC?: string;
}
