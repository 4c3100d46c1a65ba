import type { Principal, Role } from '#shared';
import { commonErrors } from '#shared';

/** Organisation code of the Assistance Fund (docs/architecture.md). Stored in tokens: never rename. */
export const FUND_ORG = 'FUND';

/** Roles of the Fund's own staff: they may see beneficiaries' payment data. */
export const FUND_STAFF: readonly Role[] = ['fund_officer', 'fund_approver'];

/**
 * The route's roles are checked by the platform guard; this adds the organisation check: fund roles
 * act only for the Fund, the coordinator only for the National Coordinator.
 */
export function assertActsForFund(user: Principal): void {
  // Officer ids are recorded on every step and carried in events (at most 100 characters there).
  if (user.sub.length === 0 || user.sub.length > 100) throw commonErrors.error('forbidden', 'The token subject must be 1–100 characters');
  const ok = FUND_STAFF.includes(user.role) ? user.org === FUND_ORG : user.role === 'coordinator' ? user.org === 'NC' : false;
  if (!ok) throw commonErrors.error('forbidden', 'Only the Assistance Fund (or the National Coordinator, for aggregates) may do this');
}
