import { EventTap, eventually, testEnv, type TestService } from '#shared/testing';
import type { CompensationConfig } from '../../src/config/compensation.config.js';
import { newVictimRef, people, startCompensation, unique, type People } from '../support/compensation.js';

describe('compensation.claim.changed (e2e)', () => {
  let svc: TestService<CompensationConfig>;
  let p: People;
  let tap: EventTap;
  beforeAll(async () => {
    svc = await startCompensation();
    p = people(svc.url);
    tap = await EventTap.open(testEnv().amqpUrl, 'compensation.claim.#');
  });
  afterAll(async () => {
    await tap?.close();
    await svc?.close();
  });

  it("R-1.3.2 publishes a claim's sums as they change, with a growing revision and no case number, court or reference", async () => {
    const victimRef = newVictimRef();
    const caseNumber = unique('CASE');
    const claim = await p.officer.post('/v1/claims', {
      victimRef,
      caseNumber,
      claimedMaterialMinor: 300_000,
      claimedMoralMinor: 0,
    });
    const id = claim.body.id as string;
    const decisionNumber = unique('D');
    const recorded = await p.officer.post(`/v1/claims/${id}/court-decisions`, {
      court: 'Sumqayit City Court',
      decisionNumber,
      decidedAt: '2026-09-01',
      awardedMinor: 250_000,
      fundPaymentOrdered: true,
    });
    const decisionId = (recorded.body.courtDecisions as { id: string }[]).at(-1)!.id;
    expect((await p.approver.post(`/v1/claims/${id}/court-decisions/${decisionId}/confirm`)).status).toBe(
      200,
    );
    const reference = unique('REC');
    expect(
      (await p.officer.post(`/v1/claims/${id}/recoveries`, { amountMinor: 60_000, reference })).status,
    ).toBe(201);

    const events = await eventually(() => {
      const mine = tap.ofType('compensation.claim.changed').filter((e) => e.data.claimId === id);
      return mine.length === 3 ? mine : false;
    });
    // The decision recorded but not yet confirmed changed nothing: three changes, in order.
    expect(events.map((e) => e.data)).toEqual([
      {
        claimId: id,
        victimRef,
        change: 'opened',
        revision: 0,
        awardedMinor: 0,
        recoveredMinor: 0,
        fundPaymentOrdered: false,
        currency: 'AZN',
      },
      {
        claimId: id,
        victimRef,
        change: 'decision_confirmed',
        revision: 1,
        awardedMinor: 250_000,
        recoveredMinor: 0,
        fundPaymentOrdered: true,
        currency: 'AZN',
      },
      {
        claimId: id,
        victimRef,
        change: 'recovery_recorded',
        revision: 2,
        awardedMinor: 250_000,
        recoveredMinor: 60_000,
        fundPaymentOrdered: true,
        currency: 'AZN',
      },
    ]);
    for (const e of events) expect(e.producer).toBe('compensation');
    const text = JSON.stringify(events);
    for (const secret of [caseNumber, decisionNumber, reference, 'Sumqayit', p.officer.sub, p.approver.sub])
      expect(text).not.toContain(secret);
    // A replayed confirmation publishes nothing more.
    expect((await p.approver.post(`/v1/claims/${id}/court-decisions/${decisionId}/confirm`)).status).toBe(
      200,
    );
    expect(tap.ofType('compensation.claim.changed').filter((e) => e.data.claimId === id)).toHaveLength(3);
  });
});
