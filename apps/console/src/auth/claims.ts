/** Roles of the platform (the services authorise on the same names). */
export const CONSOLE_ROLES = [
  'agency_officer',
  'police_duty_officer',
  'facility_staff',
  'fund_officer',
  'fund_approver',
  'coordinator',
  'operator',
  'admin',
  'service_provider',
] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export interface ClaimMapping {
  roleClaim: string;
  orgClaim: string;
  /** Provider role name → platform role (identity when absent). */
  roleMap?: Record<string, string>;
}

function at(claims: Record<string, unknown>, dotted: string): unknown {
  let value: unknown = claims;
  for (const part of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The user's platform role and organisation from an ID token's claims, through the configured claim
 * paths (`role`, or `realm_access.roles` for Keycloak, …). A list of roles yields the first that maps
 * to a platform role. Null when the token carries no usable role or organisation: sign-in is refused.
 */
export function mapClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
): { role: ConsoleRole; org: string } | null {
  const rawRole = at(claims, mapping.roleClaim);
  const candidates = (Array.isArray(rawRole) ? rawRole : [rawRole]).filter(
    (r): r is string => typeof r === 'string',
  );
  const role = candidates
    .map((r) => mapping.roleMap?.[r] ?? r)
    .find((r): r is ConsoleRole => (CONSOLE_ROLES as readonly string[]).includes(r));
  const rawOrg = at(claims, mapping.orgClaim);
  const org = Array.isArray(rawOrg) ? rawOrg.find((o) => typeof o === 'string') : rawOrg;
  if (!role || typeof org !== 'string' || org === '') return null;
  return { role, org };
}

/**
 * Which services each role's calls may reach through the proxy (the services check roles again).
 * Health and metrics are the operator's and the admin's.
 */
export const PROXY_ACCESS: Record<ConsoleRole, readonly string[]> = {
  agency_officer: ['referral'],
  police_duty_officer: ['referral'],
  facility_staff: ['shelter', 'referral'],
  fund_officer: ['compensation'],
  fund_approver: ['compensation'],
  coordinator: ['referral', 'shelter', 'compensation', 'reporting'],
  operator: ['referral', 'shelter', 'compensation', 'notification', 'reporting'],
  admin: ['referral', 'shelter', 'compensation', 'notification', 'reporting'],
  service_provider: ['referral'],
};

/** True when `role` may send `path` (below /api/<service>) to `service`. */
export function mayProxy(role: ConsoleRole, service: string, path: string): boolean {
  if (!PROXY_ACCESS[role].includes(service)) return false;
  const ops = path.startsWith('/health') || path.startsWith('/metrics');
  if (ops) return role === 'operator' || role === 'admin';
  return path.startsWith('/v1/');
}
