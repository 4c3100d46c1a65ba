import { readFileSync } from 'node:fs';
import { Transform, Type, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  MinLength,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { productionProblems } from './production-guard.js';

/**
 * Settings every service shares. Each service extends this class with its own variables;
 * {@link loadConfig} validates the environment once at start and lists every bad variable by name.
 * Property names are the environment variable names, so an error names exactly what to fix.
 */
export class BaseConfig {
  /**
   * `production` turns on the production guard: no development keys, every secret given explicitly,
   * token issuer and audience checked, /metrics and /docs restricted by default.
   */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  /** HTTP port of the service. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  /** Interface to listen on; loopback by default (servers here listen on loopback only). */
  @IsString()
  HOST = '127.0.0.1';

  /** The service's own Postgres role and the one database (each service owns one schema in it). */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL!: string;

  /**
   * The schema owner's role, which runs the migrations (the runtime role of DATABASE_URL has no DDL
   * rights, so it can never drop the append-only triggers). Required in production; in development
   * it defaults to what provisioning creates: DATABASE_URL's role with `_owner` appended.
   */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  MIGRATION_DATABASE_URL?: string;

  /** Largest number of Postgres connections this instance opens (measured: see README operations). */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * Longest a request waits in the connection pool's queue for a free connection when every
   * connection is busy (and longest a new connection may take to open); beyond it the request gets
   * `503 overloaded` with Retry-After, never a 500 and never "not ready".
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  DATABASE_POOL_WAIT_MS = 5000;

  /**
   * Requests on `/v1` that may be in flight beyond DATABASE_POOL_SIZE (the bounded queue). One more
   * is refused at once with `503 overloaded` and Retry-After, before it costs any work.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  OVERLOAD_QUEUE_LIMIT = 200;

  /** RabbitMQ connection URL, including the vhost. */
  @IsUrl({ protocols: ['amqp', 'amqps'], require_tld: false, require_protocol: true })
  AMQP_URL = 'amqp://guest:guest@localhost:5672';

  /** Unacknowledged deliveries a consumer may hold at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  AMQP_PREFETCH = 50;

  /**
   * Optional cap on attempts of a failing event handler before its message is parked (0 = none: only
   * AMQP_RETRY_HORIZON_MS counts). Failures of the service's own database never count as attempts.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  AMQP_MAX_ATTEMPTS = 0;

  /** Delay before the first retry of a failing event handler, in ms; each further retry waits twice as long. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  AMQP_RETRY_DELAY_MS = 1000;

  /** Longest wait between two retries of a failing event handler, in ms (the backoff's cap). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  AMQP_RETRY_MAX_DELAY_MS = 300_000;

  /**
   * How long a failing event handler is retried, from its first failure, before the message is
   * parked in `<service>.events.dlq`, in ms (default 6 h; at least one minute).
   */
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  @Max(7 * 86_400_000)
  AMQP_RETRY_HORIZON_MS = 6 * 3_600_000;

  /**
   * While the service's database is unavailable, how long the event consumer holds a delivery unacked
   * before it hands it back to the tail of its queue (no attempt counted), in ms (default 5 min). Keep
   * it well below RabbitMQ's `consumer_timeout` (30 min by default), which would close the channel.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(1_500_000)
  AMQP_HOLD_MAX_MS = 300_000;

  /** Fallback poll of the outbox relay when no in-process wake-up arrives, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 500;

  /** PEM-encoded public key (SPKI) that verifies bearer tokens. One of this or JWT_JWKS_URL. */
  @ValidateIf((c: BaseConfig) => !c.JWT_JWKS_URL)
  @IsString()
  JWT_PUBLIC_KEY?: string;

  /** JWKS URL of an OIDC provider that issues the bearer tokens. */
  @IsOptional()
  @IsUrl({ require_tld: false })
  JWT_JWKS_URL?: string;

  /** Expected `iss` claim; required in production. */
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  /** Expected `aud` claim; required in production. */
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** Clock skew tolerated on a token's `exp`/`nbf`, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  JWT_CLOCK_TOLERANCE_SECONDS = 30;

  /** Longest a verified token is trusted from the cache before it is verified again, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(900)
  JWT_CACHE_MAX_SECONDS = 120;

  /**
   * Who may read `/metrics` and `/docs` (`/docs-json` too): `open` to anyone, `token` (a bearer token:
   * OPS_TOKEN, or a JWT of role operator or admin) or `off` (404). Default: `token` in production,
   * `open` otherwise.
   */
  @IsOptional()
  @IsIn(['open', 'token', 'off'])
  OPS_ENDPOINTS?: 'open' | 'token' | 'off';

  /** Static bearer token for /metrics and /docs (e.g. for Prometheus), at least 32 characters. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  OPS_TOKEN?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * OpenTelemetry collector (OTLP over HTTP, e.g. `http://otel-collector:4318`): traces are exported
   * there when set, and not collected at all otherwise.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** How long graceful shutdown may take to finish in-flight work, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 15_000;

  /**
   * Serve the Swagger UI at /docs (the JSON document at /docs-json is always served). Off in Jest runs,
   * whose module loader cannot load the UI's static-file plugin.
   */
  @Transform(({ value }) =>
    typeof value === 'string'
      ? ['1', 'true', 'yes'].includes(value.toLowerCase())
        ? true
        : ['0', 'false', 'no'].includes(value.toLowerCase())
          ? false
          : value
      : value,
  )
  @IsBoolean()
  DOCS_UI = true;

  /** Requests a minute one client (organisation + subject) may make on a rate-limited route (e.g. intake). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Largest accepted request body, in bytes; larger bodies are refused before parsing. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50_000_000)
  BODY_LIMIT_BYTES = 1_048_576;
}

/** Thrown by {@link loadConfig}; its message lists every bad variable by name. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * `NAME_FILE=/run/secrets/x` gives NAME the content of that file (container and Kubernetes secrets),
 * without the trailing newline editors and `echo` add. A plain NAME wins over NAME_FILE. A file that
 * cannot be read is reported by the variable's name, never by its content.
 */
function readSecretFile(
  key: string,
  env: Record<string, string | undefined>,
  unreadable: string[],
): string | undefined {
  const file = env[`${key}_FILE`];
  if (file === undefined || file === '') return undefined;
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch {
    unreadable.push(`${key}_FILE: cannot read the file it names`);
    return undefined;
  }
}

/**
 * Builds and validates a config object from an environment (defaults to `process.env`). Each
 * variable may also be given as `NAME_FILE`, the path of a file holding its value.
 * Unknown variables are ignored; a bad or missing one is reported by its name, never by its value
 * (values may be secrets).
 */
export function loadConfig<T extends BaseConfig>(
  cls: new () => T,
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof T, unknown>> = {},
): T {
  // Fields use [[Define]] semantics (ES2022), so every declared variable is an own property here.
  const defaults = new cls();
  const raw: Record<string, unknown> = {};
  const unreadable: string[] = [];
  const fromFiles: Record<string, string> = {};
  for (const key of Object.keys(defaults)) {
    let value = env[key];
    if (value === undefined || value === '') {
      value = readSecretFile(key, env, unreadable);
      if (value !== undefined) fromFiles[key] = value;
    }
    if (value !== undefined && value !== '') raw[key] = value;
  }
  if (unreadable.length > 0) throw new ConfigValidationError(unreadable);
  // A value read from NAME_FILE is given explicitly, as far as the production guard is concerned.
  env = { ...env, ...fromFiles };
  Object.assign(raw, overrides);
  const instance = plainToInstance(cls, { ...defaults, ...raw }, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? { invalid: 'is invalid' }).join('; ')}`,
  );
  // @clause R-1.3.2 production never runs on development keys or implicit secrets
  problems.push(...productionProblems(instance, { ...env, ...stringsOf(raw) }));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return instance;
}

function stringsOf(o: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

/** Who may read /metrics and /docs under this config (see {@link BaseConfig.OPS_ENDPOINTS}). */
export function opsEndpointsPolicy(config: BaseConfig): 'open' | 'token' | 'off' {
  return config.OPS_ENDPOINTS ?? (config.NODE_ENV === 'production' ? 'token' : 'open');
}

/**
 * The URL migrations run with: MIGRATION_DATABASE_URL, or (outside production) the schema owner role
 * provisioning creates beside the runtime role: `<role>_owner`, whose development password is its name.
 */
export function migrationDatabaseUrl(config: BaseConfig): string {
  if (config.MIGRATION_DATABASE_URL) return config.MIGRATION_DATABASE_URL;
  const u = new URL(config.DATABASE_URL);
  const user = decodeURIComponent(u.username);
  // Only a provisioned runtime role (`nrm_<service>`) has an owner beside it; any other URL migrates itself.
  if (!/^nrm_[a-z0-9_]+$/.test(user) || user.endsWith('_owner')) return config.DATABASE_URL;
  const pass = decodeURIComponent(u.password);
  u.username = encodeURIComponent(`${user}_owner`);
  u.password = encodeURIComponent(pass === user ? `${user}_owner` : pass);
  return u.toString();
}
