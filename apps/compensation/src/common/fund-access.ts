import type { Principal, Role } from '#shared';
import { ASSISTANCE_FUND, commonErrors, NATIONAL_COORDINATOR } from '#shared';

/** Roles of the Fund's own staff: they may see beneficiaries' payment data. */
export const FUND_STAFF: readonly Role[] = ['fund_officer', 'fund_approver'];

/**
 * The route's roles are checked by the platform guard; this adds the organisation check: fund roles
 * act only for the Fund, the coordinator only for the National Coordinator.
 */
export function assertActsForFund(user: Principal): void {
  // Officer ids are recorded on every step and carried in events (at most 100 characters there).
  if (user.sub.length === 0 || user.sub.length > 100)
    throw commonErrors.error('forbidden', 'The token subject must be 1–100 characters');
  const ok = FUND_STAFF.includes(user.role)
    ? user.org === ASSISTANCE_FUND
    : user.role === 'coordinator'
      ? user.org === NATIONAL_COORDINATOR
      : false;
  if (!ok)
    throw commonErrors.error(
      'forbidden',
      'Only the Assistance Fund (or the National Coordinator, for aggregates) may do this',
    );
}
