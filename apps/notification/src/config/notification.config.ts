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

  /**
   * When each attempt of a delivery is made, as delays after the previous one (`ms`, `s`, `m`, `h`):
   * the first is the delay of the first attempt, the count is the number of attempts before the
   * delivery is `failed` and `notification.delivery.failed` is raised. The default spans about a day
   * (as Standard Webhooks senders do): immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. Each
   * delay gets ±10 % jitter. Ignored when NOTIFY_BASE_DELAY_MS is set.
   */
  @Matches(/^\s*\d+(ms|s|m|h)?\s*(,\s*\d+(ms|s|m|h)?\s*){0,49}$/, {
    message: 'must be a comma-separated list of delays such as 0,5s,5m,30m,2h',
  })
  NOTIFY_RETRY_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,10h';

  /** Exponential retries instead of the schedule: attempts of one delivery (with NOTIFY_BASE_DELAY_MS). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_MAX_ATTEMPTS?: number;

  /**
   * Exponential retries instead of the schedule: delay before the first retry, in ms; each further
   * retry waits twice as long (equal jitter), up to NOTIFY_MAX_DELAY_MS, for NOTIFY_MAX_ATTEMPTS (8).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  NOTIFY_BASE_DELAY_MS?: number;

  /** Longest delay between two exponential retries, in ms (600 000 by default). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  NOTIFY_MAX_DELAY_MS?: number;

  /** Consecutive failed attempts to one recipient that open its circuit (its deliveries then wait). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  NOTIFY_CIRCUIT_FAILURE_THRESHOLD = 5;

  /** How long an opened circuit waits before one probe, in ms; doubled at each failed probe. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  NOTIFY_CIRCUIT_COOLDOWN_MS = 5_000;

  /** Longest wait of an open circuit before a probe, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  NOTIFY_CIRCUIT_MAX_COOLDOWN_MS = 300_000;

  /**
   * After this many failed attempts of a duty-channel alert (the special police unit's referral and
   * deadline events), `notification.delivery.failed` is raised at once, while retries go on.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_DUTY_ALERT_AFTER_ATTEMPTS = 2;

  /** How long an event with no active recipient for its organisation waits for one, in ms (72 h). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(31_536_000_000)
  NOTIFY_WAITING_TTL_MS = 259_200_000;

  /**
   * Duty-channel alerts wait for a recipient until their referral is handed over, and at most this
   * long, in ms (30 days).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(31_536_000_000)
  NOTIFY_DUTY_WAITING_MAX_MS = 2_592_000_000;

  /** How often waiting events are matched with new recipients and expired ones are closed, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  NOTIFY_WAITING_SWEEP_MS = 30_000;

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
  NOTIFY_CONCURRENCY = 64;

  /**
   * Attempts one recipient may have in flight at once, across instances: a slow or dead receiver
   * holds at most this many slots, never all of them.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  NOTIFY_PER_RECIPIENT_CONCURRENCY = 8;

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

  // NODE_ENV (BaseConfig): `production` also turns on the strict outbound rules: webhook and
  // SMS-gateway addresses must be `https`, and loopback is refused like every other internal range.

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
