import type { TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import { claimReadyForPayout, createPayout, people, startCompensation } from '../support/compensation.js';

describe('a service without the Fund debtor account configured (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  beforeAll(async () => {
    svc = await startCompensation({ FUND_DEBTOR_IBAN: '', FUND_DEBTOR_BIC: '' });
  });
  afterAll(() => svc?.close());

  it('runs, and refuses pain.001 export with 503 until FUND_DEBTOR_IBAN and FUND_DEBTOR_BIC are set', async () => {
    expect((await fetch(`${svc.url}/health/ready`)).status).toBe(200);
    const p = people(svc.url);
    const claimId = await claimReadyForPayout(p, 1_000);
    const created = await createPayout(p, claimId, 1_000);
    await p.approver.post(`/v1/payouts/${created.body.id}/approve`);
    const batch = await p.officer.post('/v1/payout-batches', { payoutIds: [created.body.id] });
    const file = await p.officer.get(`/v1/payout-batches/${batch.body.id}/pain001`);
    expect(file.status).toBe(503);
    expect(file.body.type).toBe('service-unavailable');
    expect(svc.logs.join('')).toContain('pain.001 export is disabled');
  });
});
