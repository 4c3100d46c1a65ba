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
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/roles.js';
import type { BaseConfig } from '../config/base.config.js';
import { DomainError } from '../errors/domain-error.js';
import { CONFIG } from '../platform/tokens.js';

const RATE_LIMIT_KEY = 'nrm:rate-limit';

/** 429 with the seconds to wait, rendered with a `Retry-After` header by the problem filter. */
export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfter: number) {
    super('too-many-requests', 429, `Too many requests; retry after ${retryAfter} s`);
  }
}

/**
 * Limits each client (organisation + subject of its token) to `RATE_LIMIT_PER_MINUTE` requests a
 * minute on the routes marked {@link RateLimit}, per bucket. The counters live in this instance's
 * memory, so with N instances behind a balancer a client gets at most N times the limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: BaseConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!bucket) return true;
    const request = context.switchToHttp().getRequest<{ user?: Principal; ip?: string }>();
    const client = request.user ? `${request.user.org}:${request.user.sub}` : `ip:${request.ip ?? 'unknown'}`;
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      limiter = new RateLimiterMemory({
        keyPrefix: bucket,
        points: this.config.RATE_LIMIT_PER_MINUTE,
        duration: 60,
      });
      this.limiters.set(bucket, limiter);
    }
    try {
      await limiter.consume(client);
      return true;
    } catch (res) {
      if (res instanceof RateLimiterRes)
        throw new TooManyRequestsError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      throw res;
    }
  }
}

/** Marks a route as rate-limited per client, in the named bucket. */
export const RateLimit = (bucket: string) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, bucket),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: 'Rate limit exceeded; see the Retry-After header' }),
  );
