import { mapClaims, mayProxy } from './claims.js';

describe('claims of the identity provider → platform role and organisation', () => {
  it('reads role and org claims by default', () => {
    expect(
      mapClaims(
        { sub: 'duty', role: 'police_duty_officer', org: 'MIA-SPU' },
        { roleClaim: 'role', orgClaim: 'org' },
      ),
    ).toEqual({
      role: 'police_duty_officer',
      org: 'MIA-SPU',
    });
  });

  it('maps a Keycloak realm role list through dotted paths and a role map', () => {
    const claims = { realm_access: { roles: ['offline_access', 'nrm-fund-maker'] }, nrm: { org: ['FUND'] } };
    expect(
      mapClaims(claims, {
        roleClaim: 'realm_access.roles',
        orgClaim: 'nrm.org',
        roleMap: { 'nrm-fund-maker': 'fund_officer' },
      }),
    ).toEqual({ role: 'fund_officer', org: 'FUND' });
  });

  it('refuses a user without a platform role or an organisation', () => {
    const mapping = { roleClaim: 'role', orgClaim: 'org' };
    expect(mapClaims({ role: 'superuser', org: 'MIA' }, mapping)).toBeNull();
    expect(mapClaims({ role: 'admin' }, mapping)).toBeNull();
    expect(mapClaims({ role: 'admin', org: '' }, mapping)).toBeNull();
  });
});

describe('which calls a role may send through the proxy', () => {
  it("keeps each role to its own services and the services' /v1 API", () => {
    expect(mayProxy('agency_officer', 'referral', '/v1/referrals')).toBe(true);
    expect(mayProxy('agency_officer', 'compensation', '/v1/payouts')).toBe(false);
    expect(mayProxy('fund_officer', 'referral', '/v1/victims/x')).toBe(false);
    expect(mayProxy('police_duty_officer', 'referral', '/docs-json')).toBe(false);
  });

  it('gives health and metrics to the operator and the admin only', () => {
    expect(mayProxy('operator', 'shelter', '/health/ready')).toBe(true);
    expect(mayProxy('operator', 'notification', '/metrics')).toBe(true);
    expect(mayProxy('police_duty_officer', 'referral', '/health/ready')).toBe(false);
  });
});
