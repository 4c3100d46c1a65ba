import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { commonErrors } from '../errors/domain-error.js';
import { JwtVerifier } from './jwt-verifier.js';
import { PUBLIC_KEY, ROLES_KEY, type Principal, type Role } from './roles.js';

/**
 * Global guard, deny by default: a route is open only if marked {@link Public} (and it is not under
 * `/v1`), otherwise it needs a valid bearer token whose role is listed by {@link Roles}. A `/v1`
 * route that lists no roles is refused to everyone, so a new route cannot slip through unprotected.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  // @clause deny by default: no valid token, no allowed role, no access
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    const path = request.url.split('?')[0] ?? '';
    if (isPublic && !path.startsWith('/v1')) return true;

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header) : null;
    if (!match?.[1]) throw commonErrors.error('unauthorized', 'A valid bearer token is required');
    try {
      request.user = await this.verifier.verify(match[1]);
    } catch {
      throw commonErrors.error('unauthorized', 'The bearer token is invalid or expired');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(request.user.role)) {
      throw commonErrors.error('forbidden', `Role ${request.user.role} may not do this`);
    }
    return true;
  }
}
