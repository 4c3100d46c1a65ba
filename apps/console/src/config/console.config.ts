import { Transform, Type, plainToInstance } from 'class-transformer';
import { readFileSync } from 'node:fs';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  ValidationError,
  validateSync,
} from 'class-validator';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const bool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/**
 * The console's settings (environment variable names = property names). Sign-in works with any
 * OpenID provider: set its issuer URL, the console's client id and secret, and where the role and
 * organisation are found in the ID token's claims.
 */
export class ConsoleConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** The address users open; the OIDC redirect URI is `${PUBLIC_URL}/auth/callback`. */
  @IsUrl(url)
  PUBLIC_URL = 'http://localhost:3000';

  @IsUrl(url)
  OIDC_ISSUER!: string;

  @IsString()
  OIDC_CLIENT_ID!: string;

  @IsString()
  @MinLength(8)
  OIDC_CLIENT_SECRET!: string;

  /** Scopes asked for; `nrm` carries role and org at the development provider. */
  @IsString()
  OIDC_SCOPE = 'openid profile nrm api';

  /** Resource indicator (RFC 8707) of the services' API, if the provider wants one. */
  @IsOptional()
  @IsString()
  OIDC_RESOURCE?: string;

  /** Where the role is in the ID token (dotted path, e.g. `realm_access.roles` for Keycloak). */
  @IsString()
  OIDC_ROLE_CLAIM = 'role';

  /** Where the organisation code is in the ID token (dotted path). */
  @IsString()
  OIDC_ORG_CLAIM = 'org';

  /** Optional JSON map from the provider's role names to the platform's roles, e.g. {"nrm-duty":"police_duty_officer"}. */
  @IsOptional()
  @IsString()
  OIDC_ROLE_MAP?: string;

  /** Signs the session and CSRF cookies; at least 32 characters. */
  @IsString()
  @MinLength(32)
  SESSION_SECRET!: string;

  /**
   * Postgres, as the console's own role (`nrm_console`: rows of the "console" schema only), where the
   * sessions are kept so they survive a restart and are shared by every instance. Without it (only
   * outside production) sessions live in this process's memory.
   */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** The "console" schema's owner, which applies the console's migrations at start (default: DATABASE_URL). */
  @IsOptional()
  @IsString()
  MIGRATION_DATABASE_URL?: string;

  /** Longest life of a session (it also ends when the access token expires). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  SESSION_TTL_SECONDS = 8 * 3600;

  /** `Secure` cookies; on by default in production (HTTPS). */
  @Transform(bool)
  @IsBoolean()
  COOKIE_SECURE = process.env.NODE_ENV === 'production';

  @IsUrl(url)
  REFERRAL_URL = 'http://127.0.0.1:3001';

  @IsUrl(url)
  SHELTER_URL = 'http://127.0.0.1:3002';

  @IsUrl(url)
  COMPENSATION_URL = 'http://127.0.0.1:3003';

  @IsUrl(url)
  NOTIFICATION_URL = 'http://127.0.0.1:3004';

  @IsOptional()
  @IsUrl(url)
  REPORTING_URL?: string;

  /** The built single-page app (default: next to the server build). */
  @IsOptional()
  @IsString()
  CONSOLE_PUBLIC_DIR?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The upstream URL of each service the console proxies to, by its path segment under /api. */
  upstreams(): Record<string, string> {
    const out: Record<string, string> = {
      referral: this.REFERRAL_URL,
      shelter: this.SHELTER_URL,
      compensation: this.COMPENSATION_URL,
      notification: this.NOTIFICATION_URL,
    };
    if (this.REPORTING_URL) out.reporting = this.REPORTING_URL;
    return out;
  }
}

/** Every setting's name (declared ones without a default are not own properties of an instance). */
const NAMES = [
  ...new Set([
    ...Object.keys(new ConsoleConfig()),
    'OIDC_ISSUER',
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'OIDC_RESOURCE',
    'OIDC_ROLE_MAP',
    'SESSION_SECRET',
    'DATABASE_URL',
    'MIGRATION_DATABASE_URL',
    'REPORTING_URL',
    'CONSOLE_PUBLIC_DIR',
  ]),
];

/**
 * Reads and validates the environment; the error names every bad variable, never its value. A secret
 * may be given as `NAME` or as `NAME_FILE`, a path whose content is the value (container secrets).
 */
export function loadConsoleConfig(env: Record<string, string | undefined> = process.env): ConsoleConfig {
  const defaults = new ConsoleConfig();
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of NAMES) {
    const file = env[`${key}_FILE`];
    const value = env[key] || (file ? readFileSync(file, 'utf8').replace(/\r?\n$/, '') : undefined);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(ConsoleConfig, raw);
  const errors = validateSync(config);
  if (env.NODE_ENV === 'production' && !config.DATABASE_URL) {
    errors.push(
      Object.assign(new ValidationError(), {
        property: 'DATABASE_URL',
        constraints: {
          required:
            'is required in production: sessions must survive a restart and be shared by every instance',
        },
      }),
    );
  }
  if (errors.length > 0) {
    throw new Error(
      `Invalid configuration:\n${errors.map((e) => `  - ${e.property}: ${Object.values(e.constraints ?? { invalid: 'is invalid' }).join('; ')}`).join('\n')}`,
    );
  }
  return config;
}
