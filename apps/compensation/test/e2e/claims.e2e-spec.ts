import type { TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import {
  claimReadyForPayout,
  createPayout,
  newVictimRef,
  people,
  startCompensation,
  unique,
  type People,
} from '../support/compensation.js';

describe('claims, court decisions and recoveries (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  let p: People;
  beforeAll(async () => {
    svc = await startCompensation();
    p = people(svc.url);
  });
  afterAll(() => svc?.close());

  const newClaim = () => ({
    victimRef: newVictimRef(),
    caseNumber: unique('CASE'),
    claimedMaterialMinor: 500_000,
    claimedMoralMinor: 300_000,
  });
  const decision = (awardedMinor: number, fundPaymentOrdered: boolean) => ({
    court: 'Baku Grave Crimes Court',
    decisionNumber: unique('D'),
    decidedAt: '2026-10-01',
    awardedMinor,
    fundPaymentOrdered,
  });

  it('R-3.6 opens a claim for material and moral damage', async () => {
    const body = newClaim();
    const res = await p.officer.post('/v1/claims', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...body,
      status: 'open',
      currency: 'AZN',
      awardedMinor: 0,
      recoveredMinor: 0,
      paidByFundMinor: 0,
      outstandingMinor: 0,
    });
    const again = await p.approver.get(`/v1/claims/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body.claimedMoralMinor).toBe(300_000);
    const found = await p.approver.get(`/v1/claims?victimRef=${body.victimRef}`);
    expect(found.body.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    expect((await p.approver.get('/v1/claims')).status).toBe(400);
  });

  it('R-3.7 has no field about cooperation with law enforcement and refuses one', async () => {
    const res = await p.officer.post('/v1/claims', { ...newClaim(), cooperatedWithPolice: false });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('validation-failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'cooperatedWithPolice' })]),
    );
  });

  it('R-3.7 pays a claim to its end with no police involvement at all', async () => {
    // Nothing in the whole flow refers to law enforcement: claim, decision, payout, approval, disbursement.
    const claimId = await claimReadyForPayout(p, 40_000);
    const payout = await createPayout(p, claimId, 40_000, 'cash');
    expect(payout.status).toBe(201);
    expect((await p.approver.post(`/v1/payouts/${payout.body.id}/approve`)).status).toBe(200);
    const cash = await p.officer.post(`/v1/payouts/${payout.body.id}/cash-disbursement`, {
      receiptNumber: unique('R'),
      identityDocument: 'AZE passport AA1234567',
    });
    expect(cash.status).toBe(200);
    expect(cash.body.status).toBe('disbursed');
    const claim = await p.officer.get(`/v1/claims/${claimId}`);
    expect(claim.body).toMatchObject({ paidByFundMinor: 40_000, outstandingMinor: 0, status: 'closed' });
  });

  it('R-3.8 shows awarded, recovered, paid by the Fund and outstanding', async () => {
    const { body: claim } = await p.officer.post('/v1/claims', newClaim());
    const recorded = await p.officer.post(`/v1/claims/${claim.id}/court-decisions`, decision(800_000, true));
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      awardedMinor: 0,
      courtDecisions: [expect.objectContaining({ status: 'pending_confirmation', inForce: false })],
    });
    await p.approver.post(
      `/v1/claims/${claim.id}/court-decisions/${recorded.body.courtDecisions[0].id}/confirm`,
    );
    const rec = await p.officer.post(`/v1/claims/${claim.id}/recoveries`, {
      amountMinor: 200_000,
      reference: unique('ENF'),
    });
    expect(rec.status).toBe(201);
    expect(rec.body).toMatchObject({
      awardedMinor: 800_000,
      recoveredMinor: 200_000,
      paidByFundMinor: 0,
      outstandingMinor: 600_000,
      fundPayableMinor: 600_000,
      status: 'open',
    });
    expect(rec.body.courtDecisions).toHaveLength(1);
    expect(rec.body.recoveries[0]).toMatchObject({ amountMinor: 200_000 });
  });

  it("R-3.8 lets the Fund pay only what the traffickers' property does not cover (409 beyond)", async () => {
    const claimId = await claimReadyForPayout(p, 100_000);
    await p.officer.post(`/v1/claims/${claimId}/recoveries`, {
      amountMinor: 30_000,
      reference: unique('ENF'),
    });
    const tooMuch = await createPayout(p, claimId, 70_001);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.type).toBe('exceeds-fund-liability');
    const ok = await createPayout(p, claimId, 70_000);
    expect(ok.status).toBe(201);
    // Pending payouts count: nothing more may be requested.
    const more = await createPayout(p, claimId, 1);
    expect(more.status).toBe(409);
    expect(more.body.type).toBe('exceeds-fund-liability');
  });

  it('R-3.8 refuses a Fund payment without a court decision that orders it', async () => {
    const { body: claim } = await p.officer.post('/v1/claims', newClaim());
    const none = await createPayout(p, claim.id, 1_000);
    expect(none.status).toBe(409);
    expect(none.body.type).toBe('fund-payment-not-ordered');
    await p.officer.post(`/v1/claims/${claim.id}/court-decisions`, decision(500_000, false));
    const notOrdered = await createPayout(p, claim.id, 1_000);
    expect(notOrdered.status).toBe(409);
    expect(notOrdered.body.type).toBe('fund-payment-not-ordered');
  });

  it('R-3.8 re-checks the cap at approval when a recovery arrived meanwhile', async () => {
    const claimId = await claimReadyForPayout(p, 50_000);
    const payout = await createPayout(p, claimId, 50_000);
    expect(payout.status).toBe(201);
    await p.officer.post(`/v1/claims/${claimId}/recoveries`, {
      amountMinor: 10_000,
      reference: unique('ENF'),
    });
    const approve = await p.approver.post(`/v1/payouts/${payout.body.id}/approve`);
    expect(approve.status).toBe(409);
    expect(approve.body.type).toBe('exceeds-fund-liability');
    expect((await p.officer.get(`/v1/payouts/${payout.body.id}`)).body.status).toBe('pending_approval');
  });

  it('R-3.9 keeps a claim open after a partial Fund payment and accepts later decisions and recoveries', async () => {
    const claimId = await claimReadyForPayout(p, 90_000);
    const payout = await createPayout(p, claimId, 30_000, 'cash');
    await p.approver.post(`/v1/payouts/${payout.body.id}/approve`);
    await p.officer.post(`/v1/payouts/${payout.body.id}/cash-disbursement`, {
      receiptNumber: unique('R'),
      identityDocument: 'ID card 1234567',
    });
    const afterPayment = await p.officer.get(`/v1/claims/${claimId}`);
    expect(afterPayment.body).toMatchObject({
      status: 'open',
      awardedMinor: 90_000,
      paidByFundMinor: 30_000,
      outstandingMinor: 60_000,
    });
    // The victim's right to demand the rest is not limited: a later recovery and a later decision still count.
    const later = await p.officer.post(`/v1/claims/${claimId}/recoveries`, {
      amountMinor: 20_000,
      reference: unique('ENF'),
    });
    expect(later.body).toMatchObject({ status: 'open', recoveredMinor: 20_000, outstandingMinor: 40_000 });
    const more = await p.officer.post(`/v1/claims/${claimId}/court-decisions`, decision(10_000, false));
    const added = (more.body.courtDecisions as { id: string; status: string }[]).find(
      (d) => d.status === 'pending_confirmation',
    )!;
    const confirmed = await p.approver.post(`/v1/claims/${claimId}/court-decisions/${added.id}/confirm`);
    expect(confirmed.body).toMatchObject({ awardedMinor: 100_000, outstandingMinor: 50_000, status: 'open' });
  });

  it('refuses duplicates, unknown claims and bad input without a partial write', async () => {
    const body = newClaim();
    expect((await p.officer.post('/v1/claims', body)).status).toBe(201);
    const dup = await p.officer.post('/v1/claims', body);
    expect(dup.status).toBe(409);
    expect(dup.body.type).toBe('claim-exists');
    expect((await p.officer.get('/v1/claims/6a1f9a38-3a47-4f7e-9a55-0c2b8d5b1c11')).status).toBe(404);
    const badId = await p.officer.get('/v1/claims/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.type).toBe('validation-failed');
    const bad = await p.officer.post('/v1/claims', { ...newClaim(), claimedMaterialMinor: -1 });
    expect(bad.status).toBe(400);
    const frac = await p.officer.post('/v1/claims', { ...newClaim(), claimedMoralMinor: 10.5 });
    expect(frac.status).toBe(400);
    const future = await p.officer.post(`/v1/claims/6a1f9a38-3a47-4f7e-9a55-0c2b8d5b1c11/court-decisions`, {
      ...decision(1, true),
      decidedAt: '2999-01-01',
    });
    expect(future.status).toBe(400);
    expect(
      (
        await p.officer.post(`/v1/claims/6a1f9a38-3a47-4f7e-9a55-0c2b8d5b1c11/recoveries`, {
          amountMinor: '100',
          reference: 'x',
        })
      ).status,
    ).toBe(400);
    const badDate = await p.officer.post(`/v1/claims/6a1f9a38-3a47-4f7e-9a55-0c2b8d5b1c11/court-decisions`, {
      ...decision(1, true),
      decidedAt: 'yesterday',
    });
    expect(badDate.status).toBe(400);
  });

  it('lets only the Fund read and write claims', async () => {
    expect((await p.agency.post('/v1/claims', newClaim())).status).toBe(403);
    expect((await p.coordinator.post('/v1/claims', newClaim())).status).toBe(403);
    expect((await p.approver.post('/v1/claims', newClaim())).status).toBe(403);
    const { body: claim } = await p.officer.post('/v1/claims', newClaim());
    expect((await p.coordinator.get(`/v1/claims/${claim.id}`)).status).toBe(403);
    expect((await p.admin.get(`/v1/claims/${claim.id}`)).status).toBe(403);
    const { Caller } = await import('../support/compensation.js');
    const outsider = new Caller(svc.url, 'fund_officer', 'someone', 'MIA');
    const res = await outsider.post('/v1/claims', newClaim());
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('forbidden');
  });
});
