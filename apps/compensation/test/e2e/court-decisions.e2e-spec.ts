import pg from 'pg';
import { testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import {
  Caller,
  creditTransfers,
  createPayout,
  newVictimRef,
  people,
  startCompensation,
  topUp,
  unique,
  type People,
} from '../support/compensation.js';

/**
 * A court decision counts once, and only once a second person confirmed it: re-typing it (a space,
 * another case, punctuation, full-width digits) is refused, and an appeal replaces the award it
 * supersedes instead of adding to it. So the Fund's liability on a claim is never doubled.
 */
describe('court decisions: four eyes, one record each, appeals replace (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  let p: People;
  let db: pg.Client;
  beforeAll(async () => {
    svc = await startCompensation({ DATABASE_POOL_SIZE: '20' });
    p = people(svc.url);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await svc?.close();
  });

  const openClaim = async (claimedMinor = 800_000) =>
    (
      await p.officer.post('/v1/claims', {
        victimRef: newVictimRef(),
        caseNumber: unique('CASE'),
        claimedMaterialMinor: claimedMinor,
        claimedMoralMinor: 0,
      })
    ).body.id as string;
  const decision = (over: Record<string, unknown> = {}) => ({
    court: 'Baku Grave Crimes Court',
    decisionNumber: '1-123/2026',
    decidedAt: '2026-10-01',
    awardedMinor: 800_000,
    fundPaymentOrdered: true,
    ...over,
  });
  const newest = (claim: { courtDecisions: { id: string; recordedAt: string }[] }) =>
    [...claim.courtDecisions].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)).at(-1)!.id;
  async function recordAndConfirm(claimId: string, over: Record<string, unknown> = {}): Promise<string> {
    const rec = await p.officer.post(`/v1/claims/${claimId}/court-decisions`, decision(over));
    expect(rec.status).toBe(201);
    const id = over.supersedesDecisionId
      ? (rec.body.courtDecisions as { id: string; supersedesDecisionId?: string }[]).find(
          (d) => d.supersedesDecisionId === over.supersedesDecisionId,
        )!.id
      : newest(rec.body);
    expect((await p.approver.post(`/v1/claims/${claimId}/court-decisions/${id}/confirm`)).status).toBe(200);
    return id;
  }

  it('R-3.8 a re-typed decision (trailing space, case, punctuation, NFKC) is 409 duplicate-court-decision and the award stays 800 000', async () => {
    const claimId = await openClaim();
    await recordAndConfirm(claimId);
    for (const over of [
      { court: 'Baku Grave Crimes Court ' },
      { court: 'BAKU GRAVE-CRIMES COURT' },
      { court: 'Baku  Grave Crimes Court.', decisionNumber: '1 - 123 / 2026' },
      { decisionNumber: '１-１２３/２０２６' },
    ]) {
      const dup = await p.officer.post(`/v1/claims/${claimId}/court-decisions`, decision(over));
      expect(dup.status).toBe(409);
      expect(dup.headers.get('content-type')).toContain('application/problem+json');
      expect(dup.body).toMatchObject({
        type: 'duplicate-court-decision',
        errors: [expect.objectContaining({ field: 'decisionNumber' })],
      });
    }
    const claim = (await p.officer.get(`/v1/claims/${claimId}`)).body;
    expect(claim).toMatchObject({ awardedMinor: 800_000, fundPayableMinor: 800_000 });
    expect(claim.courtDecisions).toHaveLength(1);
  });

  it('R-3.8 the attack sequence ends with one credit transfer: re-typed decision, then two payouts of 800 000', async () => {
    const claimId = await openClaim();
    await recordAndConfirm(claimId);
    await topUp(p, 1_600_000);
    expect(
      (
        await p.officer.post(
          `/v1/claims/${claimId}/court-decisions`,
          decision({ court: 'Baku Grave Crimes Court ' }),
        )
      ).status,
    ).toBe(409);
    const first = await createPayout(p, claimId, 800_000);
    expect(first.status).toBe(201);
    await p.approver.post(`/v1/payouts/${first.body.id}/approve`);
    await p.officer.post('/v1/payout-batches', { payoutIds: [first.body.id] });
    const second = await createPayout(p, claimId, 800_000);
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('exceeds-fund-liability');
    expect(await creditTransfers(db, p.approver, claimId)).toBe(1);
    expect((await p.officer.get(`/v1/claims/${claimId}`)).body).toMatchObject({
      awardedMinor: 800_000,
      pendingByFundMinor: 800_000,
      fundPayableMinor: 0,
    });
  });

  it('R-3.8 under 20 concurrent re-typed creates exactly one decision is recorded', async () => {
    const claimId = await openClaim();
    const variants = [
      'Baku Grave Crimes Court',
      'Baku Grave Crimes Court ',
      'baku grave crimes court',
      'BAKU GRAVE CRIMES COURT',
      'Baku Grave-Crimes Court',
    ];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        p.officer.post(
          `/v1/claims/${claimId}/court-decisions`,
          decision({ court: variants[i % variants.length] }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 409 && r.body.type === 'duplicate-court-decision'),
    ).toHaveLength(19);
    expect(
      (
        await db.query(`SELECT count(*)::int AS n FROM compensation.court_decisions WHERE claim_id = $1`, [
          claimId,
        ])
      ).rows[0].n,
    ).toBe(1);
  });

  it('R-3.8 a decision counts only once confirmed by a fund approver who did not record it', async () => {
    const claimId = await openClaim();
    const rec = await p.officer.post(`/v1/claims/${claimId}/court-decisions`, decision());
    const id = newest(rec.body);
    expect(rec.body).toMatchObject({ awardedMinor: 0, fundPaymentOrdered: false, fundPayableMinor: 0 });
    await topUp(p, 800_000);
    const early = await createPayout(p, claimId, 1_000);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('fund-payment-not-ordered');

    const recorderAsApprover = new Caller(svc.url, 'fund_approver', p.officer.sub, 'FUND');
    const self = await recorderAsApprover.post(`/v1/claims/${claimId}/court-decisions/${id}/confirm`);
    expect(self.status).toBe(422);
    expect(self.body.type).toBe('recorder-cannot-confirm');
    expect((await p.officer2.post(`/v1/claims/${claimId}/court-decisions/${id}/confirm`)).status).toBe(403);
    const badId = await p.approver.post(`/v1/claims/${claimId}/court-decisions/not-a-uuid/confirm`);
    expect(badId.body).toMatchObject({
      type: 'validation-failed',
      errors: [expect.objectContaining({ field: 'decisionId' })],
    });
    await expect(
      db.query(
        `INSERT INTO compensation.court_decision_confirmations (decision_id, confirmed_by) VALUES ($1, $2)`,
        [id, p.officer.sub],
      ),
    ).rejects.toThrow(/other than its recorder/);

    // 20 concurrent confirmations by four approvers: one takes effect, the winner's repeats are replays.
    const approvers = Array.from(
      { length: 4 },
      (_, i) => new Caller(svc.url, 'fund_approver', `${p.approver.sub}-${i}`, 'FUND'),
    );
    const confirms = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        approvers[i % 4].post(`/v1/claims/${claimId}/court-decisions/${id}/confirm`),
      ),
    );
    const ok = confirms.filter((r) => r.status === 200);
    expect(ok).toHaveLength(5);
    expect(ok.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(
      confirms.filter((r) => r.status === 409 && r.body.type === 'decision-already-confirmed'),
    ).toHaveLength(15);
    const claim = (await p.officer.get(`/v1/claims/${claimId}`)).body;
    expect(claim).toMatchObject({
      awardedMinor: 800_000,
      fundPaymentOrdered: true,
      fundPayableMinor: 800_000,
    });
    expect(claim.courtDecisions[0]).toMatchObject({
      status: 'confirmed',
      inForce: true,
      confirmedBy: ok[0].body.courtDecisions[0].confirmedBy,
    });
    await expect(
      db.query(`UPDATE compensation.court_decisions SET awarded_minor = 1 WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
  });

  it('R-3.8 an appeal replaces the award it supersedes (latest confirmed of the chain, never a sum)', async () => {
    const claimId = await openClaim(1_000_000);
    const first = await recordAndConfirm(claimId);
    const appeal = await p.officer.post(
      `/v1/claims/${claimId}/court-decisions`,
      decision({
        court: 'Baku Court of Appeal',
        decisionNumber: '2-77/2026',
        decidedAt: '2026-11-01',
        awardedMinor: 500_000,
        supersedesDecisionId: first,
      }),
    );
    expect(appeal.status).toBe(201);
    // Not yet confirmed: the first decision is still in force.
    expect(appeal.body.awardedMinor).toBe(800_000);
    const appealId = (appeal.body.courtDecisions as { id: string; supersedesDecisionId?: string }[]).find(
      (d) => d.supersedesDecisionId === first,
    )!.id;
    const confirmed = await p.approver.post(`/v1/claims/${claimId}/court-decisions/${appealId}/confirm`);
    expect(confirmed.body).toMatchObject({
      awardedMinor: 500_000,
      outstandingMinor: 500_000,
      fundPayableMinor: 500_000,
    });
    expect(confirmed.body.courtDecisions).toEqual([
      expect.objectContaining({ id: first, inForce: false, supersededByDecisionId: appealId }),
      expect.objectContaining({ id: appealId, inForce: true, supersedesDecisionId: first }),
    ]);
    // A second appeal must name the latest decision of the chain; an unknown one is refused, naming the field.
    const branch = await p.officer.post(
      `/v1/claims/${claimId}/court-decisions`,
      decision({
        court: 'Supreme Court',
        decisionNumber: '3-1/2026',
        decidedAt: '2026-11-20',
        supersedesDecisionId: first,
      }),
    );
    expect(branch.status).toBe(409);
    expect(branch.body).toMatchObject({
      type: 'decision-already-superseded',
      errors: [expect.objectContaining({ field: 'supersedesDecisionId' })],
    });
    const otherClaim = await openClaim();
    const foreign = await p.officer.post(
      `/v1/claims/${otherClaim}/court-decisions`,
      decision({ supersedesDecisionId: appealId }),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({
      type: 'unknown-superseded-decision',
      errors: [expect.objectContaining({ field: 'supersedesDecisionId' })],
    });
    const backdated = await p.officer.post(
      `/v1/claims/${claimId}/court-decisions`,
      decision({
        court: 'Supreme Court',
        decisionNumber: '3-1/2026',
        decidedAt: '2026-01-01',
        supersedesDecisionId: appealId,
      }),
    );
    expect(backdated.body).toMatchObject({
      type: 'validation-failed',
      errors: [expect.objectContaining({ field: 'decidedAt' })],
    });
    const supreme = await recordAndConfirm(claimId, {
      court: 'Supreme Court',
      decisionNumber: '3-1/2026',
      decidedAt: '2026-11-20',
      awardedMinor: 900_000,
      supersedesDecisionId: appealId,
    });
    const claim = (await p.officer.get(`/v1/claims/${claimId}`)).body;
    expect(claim.awardedMinor).toBe(900_000);
    expect(
      claim.courtDecisions.filter((d: { inForce: boolean }) => d.inForce).map((d: { id: string }) => d.id),
    ).toEqual([supreme]);
  });

  it("R-6.7 the Fund's ledger reserves an award once: one reservation of 800 000 after the attack", async () => {
    await topUp(p, 800_000);
    const claimId = await openClaim();
    await recordAndConfirm(claimId);
    await p.officer.post(
      `/v1/claims/${claimId}/court-decisions`,
      decision({ decisionNumber: '1-123/2026 ' }),
    );
    const payouts = await Promise.all(Array.from({ length: 20 }, () => createPayout(p, claimId, 800_000)));
    const created = payouts.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    await p.approver.post(`/v1/payouts/${created[0].body.id}/approve`);
    const reserved = await db.query(
      `SELECT count(*)::int AS n, coalesce(sum(l.amount_minor), 0)::bigint AS sum FROM compensation.journal_entries e
         JOIN compensation.journal_lines l ON l.entry_id = e.id AND l.account_code = 'fund:reserved'
         JOIN compensation.payouts p ON p.id = e.payout_id WHERE p.claim_id = $1 AND e.kind = 'reservation'`,
      [claimId],
    );
    expect(reserved.rows[0]).toEqual({ n: 1, sum: '800000' });
  });

  it('refuses empty keys and a decision on an unknown claim without a partial write', async () => {
    const claimId = await openClaim();
    const blank = await p.officer.post(`/v1/claims/${claimId}/court-decisions`, decision({ court: ' -- ' }));
    expect(blank.body).toMatchObject({
      type: 'validation-failed',
      errors: [expect.objectContaining({ field: 'court' })],
    });
    const unknown = await p.approver.post(
      `/v1/claims/${claimId}/court-decisions/6a1f9a38-3a47-4f7e-9a55-0c2b8d5b1c11/confirm`,
    );
    expect(unknown.status).toBe(404);
    expect(
      (
        await db.query(`SELECT count(*)::int AS n FROM compensation.court_decisions WHERE claim_id = $1`, [
          claimId,
        ])
      ).rows[0].n,
    ).toBe(0);
  });
});
