import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/roles.js';
import type { BaseConfig } from '../config/base.config.js';
import { DomainError } from '../errors/domain-error.js';
import { CONFIG, DATABASE_SCHEMA } from '../platform/tokens.js';

const RATE_LIMIT_KEY = 'nrm:rate-limit';

/** Table of the shared counters, in each service's own schema (created with its migrations). */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * Creates the counters' table if it is missing. Run by the platform as the schema's owner right after
 * the migrations (the runtime role has no DDL rights); every service gets it, whatever its migrations.
 */
export async function createRateLimitTable(dataSource: DataSource, schema: string): Promise<void> {
  const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [`"${schema}".${RATE_LIMIT_TABLE}`],
  );
  if (exists) return;
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS "${schema}".${RATE_LIMIT_TABLE} (
       key varchar(255) PRIMARY KEY,
       points integer NOT NULL DEFAULT 0,
       expire bigint
     )`,
  );
}

/** 429 with the seconds to wait, rendered with a `Retry-After` header by the problem filter. */
export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfter: number) {
    super('too-many-requests', 429, `Too many requests; retry after ${retryAfter} s`);
  }
}

/**
 * Limits each client (organisation + subject of its token) to `RATE_LIMIT_PER_MINUTE` requests a
 * minute on the routes marked {@link RateLimit}, per bucket. The counters live in the service's own
 * Postgres schema (rate-limiter-flexible's Postgres store, one atomic upsert per request, on the
 * service's pool), so every instance of a service counts against the same limit: N instances behind
 * a balancer never allow N times the limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(DATABASE_SCHEMA) private readonly schema: string,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!bucket) return true;
    const request = context.switchToHttp().getRequest<{ user?: Principal; ip?: string }>();
    const client = request.user ? `${request.user.org}:${request.user.sub}` : `ip:${request.ip ?? 'unknown'}`;
    // Keys are bounded (the table's key is 255 characters; a token's subject is not).
    const key = client.length > 120 ? `h:${createHash('sha256').update(client).digest('base64url')}` : client;
    try {
      await this.limiterFor(bucket).consume(key);
      return true;
    } catch (res) {
      if (res instanceof RateLimiterRes)
        throw new TooManyRequestsError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      throw res;
    }
  }

  private limiterFor(bucket: string): RateLimiterAbstract {
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: this.dataSource,
        storeType: 'typeorm',
        schemaName: this.schema,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: bucket,
        points: this.config.RATE_LIMIT_PER_MINUTE,
        duration: 60,
      });
      this.limiters.set(bucket, limiter);
    }
    return limiter;
  }
}

/** Marks a route as rate-limited per client, in the named bucket. */
export const RateLimit = (bucket: string) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, bucket),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: 'Rate limit exceeded; see the Retry-After header' }),
  );
