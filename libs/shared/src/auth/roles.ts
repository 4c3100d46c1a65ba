import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Roles of ARCHITECTURE.md. Stored in tokens issued by the identity provider: never rename. */
export const ROLES = [
  'agency_officer',
  'police_duty_officer',
  'facility_staff',
  'fund_officer',
  'fund_approver',
  'coordinator',
  'operator',
  'admin',
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

/** Allows the listed roles on a route or controller. A `/v1` route with no roles is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Marks a route that needs no token (health, metrics, docs). `/v1` routes may never be public. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The verified {@link Principal} of the current request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ user?: Principal }>();
  if (!req.user) throw new Error('CurrentUser used on a route without authentication');
  return req.user;
});
