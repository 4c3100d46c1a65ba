import { startReferral, type ReferralService } from '../support/referral-service.js';

describe('referral service boot', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(() => svc?.close());

  it('is ready once migrated and connected', async () => {
    const res = await fetch(`${svc.url}/health/ready`);
    expect(res.status).toBe(200);
  });

  it('documents its API at /docs-json', async () => {
    const res = await fetch(`${svc.url}/docs-json`);
    const doc = (await res.json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/referrals',
        '/v1/referrals/{id}',
        '/v1/referrals/{id}/handover',
        '/v1/referrals/{id}/handover/accept',
        '/v1/referrals/{id}/decision',
        '/v1/duty-roster',
        '/v1/duty-roster/current',
        '/v1/organisations',
        '/v1/victims/{victimRef}',
        '/v1/victims/{victimRef}/access-log',
        '/v1/victims/{victimRef}/consents',
        '/v1/victims/{victimRef}/rights-information',
        '/v1/victims/{victimRef}/service-requests',
        '/v1/legal-aid-providers',
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CreateReferralDto', 'ReferralCreatedResponse', 'VictimResponse']),
    );
  });
});
