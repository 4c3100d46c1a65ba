import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { BaseConfig, IsActiveKeyOf, IsKeyRing } from '#shared';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/** Config of the notification service: the shared variables plus its own. */
export class NotificationConfig extends BaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3004;

  /**
   * Key ring that encrypts recipients' addresses and webhook secrets at rest (AES-256-GCM):
   * `kid:base64key[,kid:base64key…]`, 32-byte keys (`openssl rand -base64 32`). Old keys stay listed
   * after a rotation so that what they sealed can still be read. Required: there is no safe default.
   */
  @IsKeyRing()
  RECIPIENT_SECRET_KEYS!: string;

  /** Id of the key in RECIPIENT_SECRET_KEYS that seals new values (and keys the address index). */
  @IsActiveKeyOf('RECIPIENT_SECRET_KEYS')
  RECIPIENT_SECRET_ACTIVE_KEY_ID!: string;

  /** Attempts of one delivery before it is marked failed and `notification.delivery.failed` is raised. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_MAX_ATTEMPTS = 8;

  /** Delay before the first retry, in ms; each further retry waits twice as long (plus jitter). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  NOTIFY_BASE_DELAY_MS = 2_000;

  /** Longest delay between two attempts, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  NOTIFY_MAX_DELAY_MS = 600_000;

  /** Fallback poll of the dispatcher (retries due, other instances' work), in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600_000)
  NOTIFY_POLL_MS = 1_000;

  /** Deliveries sent at once by one instance; a slow recipient holds one slot only. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  NOTIFY_CONCURRENCY = 32;

  /**
   * Attempts one recipient may have in flight at once, across instances: a slow or dead receiver
   * holds at most this many slots, never all of them.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  NOTIFY_PER_RECIPIENT_CONCURRENCY = 16;

  /** Time limit of one send attempt (connect, send, answer), in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(300_000)
  NOTIFY_SEND_TIMEOUT_MS = 10_000;

  /** Organisation codes whose recipients are told when a delivery fails for good (operators). */
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/)
  NOTIFY_OPERATOR_ORGS = 'OPS';

  /** SMTP relay for e-mail. */
  @IsString()
  SMTP_HOST = 'localhost';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 25;

  /** Implicit TLS (port 465); otherwise STARTTLS is used when the server offers it. */
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_SECURE = false;

  /** Refuse to send without TLS (STARTTLS required). */
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_REQUIRE_TLS = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** Sender address of every e-mail. */
  @IsEmail({ require_tld: false })
  SMTP_FROM = 'nrm-notifications@localhost';

  /** HTTP SMS gateway endpoint (POST JSON `{ to, text, reference }`); SMS deliveries fail while unset. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  SMS_GATEWAY_URL?: string;

  /**
   * `production` turns on the strict outbound rules: webhook and SMS-gateway addresses must be
   * `https`, and loopback is refused like every other internal range.
   */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * Hosts (names or literal IPs, comma-separated) that webhooks and the SMS gateway may reach even
   * though they resolve to internal addresses, e.g. a receiver inside the same network.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:[\]-]+(,[A-Za-z0-9_.:[\]-]+)*$/)
  NOTIFY_ALLOW_HOSTS?: string;

  /** Bearer token of the SMS gateway. */
  @IsOptional()
  @IsString()
  SMS_GATEWAY_TOKEN?: string;
}

/** Whether outbound requests follow the production rules (https only, no loopback). */
export function isProduction(config: NotificationConfig): boolean {
  return config.NODE_ENV === 'production';
}

/** `NOTIFY_ALLOW_HOSTS` as a list. */
export function allowedHosts(config: NotificationConfig): string[] {
  return (config.NOTIFY_ALLOW_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
}
