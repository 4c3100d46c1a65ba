import type { TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import { claimReadyForPayout, createPayout, people, startCompensation } from '../support/compensation.js';

describe('compensation API surface (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  beforeAll(async () => {
    svc = await startCompensation();
  });
  afterAll(() => svc?.close());

  it('documents every route of the Compensation API in /docs-json', async () => {
    const doc = (await (await fetch(`${svc.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const expected: [string, string][] = [
      ['/v1/claims', 'post'],
      ['/v1/claims/{id}', 'get'],
      ['/v1/claims/{id}/court-decisions', 'post'],
      ['/v1/claims/{id}/recoveries', 'post'],
      ['/v1/fund/inflows', 'post'],
      ['/v1/fund/balance', 'get'],
      ['/v1/fund/statement', 'get'],
      ['/v1/payouts', 'post'],
      ['/v1/payouts/{id}/approve', 'post'],
      ['/v1/payouts/{id}/settle', 'post'],
      ['/v1/payouts/{id}/fail', 'post'],
      ['/v1/payouts/{id}/fail/confirm', 'post'],
      ['/v1/payouts/{id}/fail/reject', 'post'],
      ['/v1/payouts/{id}/return', 'post'],
      ['/v1/payouts/{id}/return/confirm', 'post'],
      ['/v1/payouts/{id}/return/reject', 'post'],
      ['/v1/bank-reports/camt054', 'post'],
      ['/v1/payouts/{id}/cash-disbursement', 'post'],
      ['/v1/payouts/{id}/receipt', 'get'],
      ['/v1/payout-batches', 'post'],
      ['/v1/payout-batches/{id}/pain001', 'get'],
      ['/v1/payout-batches/{id}/status', 'post'],
      ['/v1/payout-batches/{id}/pain002', 'post'],
      ['/v1/payment-data-access/{subjectId}', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method]).toBeDefined();
  });

  it('counts payout transitions in /metrics without ids or personal data in labels', async () => {
    const p = people(svc.url);
    const claimId = await claimReadyForPayout(p, 1_000);
    const created = await createPayout(p, claimId, 1_000);
    await p.approver.post(`/v1/payouts/${created.body.id}/approve`);
    await p.officer.post(`/v1/payouts/${created.body.id}/approve`);
    const text = await (await fetch(`${svc.url}/metrics`)).text();
    expect(text).toMatch(
      /compensation_payout_transitions_total\{[^}]*to="approved"[^}]*method="bank_transfer"/,
    );
    expect(text).not.toContain(created.body.id);
    expect(text).not.toContain(claimId);
  });
});
