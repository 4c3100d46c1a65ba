import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Roles of the public contract (docs/architecture.md). Stored in tokens issued by the identity provider: never rename. */
export const ROLES = [
  'agency_officer',
  'police_duty_officer',
  'facility_staff',
  'fund_officer',
  'fund_approver',
  'coordinator',
  'operator',
  'admin',
  /** Staff of a body providing medical, psychological or legal aid (`MOH`, an NGO, a legal-aid provider). */
  'service_provider',
] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller of a request. */
export interface Principal {
  /** Subject: the person's id at the identity provider (an officer id for police duty officers). */
  sub: string;
  role: Role;
  /** Organisation code (`MIA-SPU`, `FUND`, an NGO's code, or a facility code for facility staff). */
  org: string;
}

export const ROLES_KEY = 'nrm:roles';
export const PUBLIC_KEY = 'nrm:public';

/**
 * Allows the listed roles on a route or controller (a route's own list wins over its controller's).
 * A `/v1` route with no roles is refused to everyone. The list is also published in the OpenAPI
 * document as `x-roles`, from which the authorisation-matrix test is generated.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

/** Marks a route that needs no token (health, metrics, docs). `/v1` routes may never be public. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The verified {@link Principal} of the current request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ user?: Principal }>();
  if (!req.user) throw new Error('CurrentUser used on a route without authentication');
  return req.user;
});
