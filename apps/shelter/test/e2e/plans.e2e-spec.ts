import { eventually, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  api,
  consentedVictimRef,
  createFacility,
  publishConsent,
  staffToken,
  startShelter,
  victimRef,
  type CreatedFacility,
} from '../support/shelter.factory.js';

const item = (overrides: Record<string, unknown> = {}) => ({
  domain: 'psychological',
  goal: 'Weekly counselling',
  actions: ['Book sessions with the centre psychologist'],
  responsible: { kind: 'ngo', org: 'CLEAN-WORLD' },
  dueOn: '2027-03-01',
  ...overrides,
});

describe('individual plans (e2e)', () => {
  let svc: TestService<ShelterConfig>;
  let centre: CreatedFacility;
  let staff: string;

  beforeAll(async () => {
    svc = await startShelter();
    centre = await createFacility(svc, { kind: 'assistance_centre', capacity: 0 });
    staff = await staffToken(centre.code);
  });
  afterAll(() => svc?.close());

  const createPlan = (body: Record<string, unknown>, token = staff) =>
    api(svc, 'POST', '/v1/plans', token, body);

  it('R-6.2 keeps one individual plan per victim at an assistance centre', async () => {
    const ref = await consentedVictimRef(svc);
    const res = await createPlan({ victimRef: ref, reviewDueOn: '2027-01-15', items: [item()] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      facilityId: centre.id,
      victimRef: ref,
      status: 'active',
      version: 1,
      reviewOverdue: false,
    });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        domain: 'psychological',
        status: 'proposed',
        victimAgreement: 'pending',
        responsible: { kind: 'ngo', org: 'CLEAN-WORLD' },
      }),
    ]);
    const again = await createPlan({ victimRef: ref, reviewDueOn: '2027-01-15', items: [] });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('plan-exists');
    expect((await api(svc, 'GET', `/v1/plans/${res.body.id as string}`, staff)).body).toEqual(res.body);
  });

  it("R-6.1 makes a plan only at the victim's request: their current consent to rehabilitation, granted", async () => {
    const ref = victimRef();
    // No decision known: not granted.
    const none = await createPlan({ victimRef: ref, reviewDueOn: '2027-01-15', items: [item()] });
    expect(none.status).toBe(409);
    expect(none.body.type).toBe('consent-required');
    await publishConsent(svc, ref, false, 'rehabilitation');
    await publishConsent(svc, ref, true, 'rehabilitation');
    const created = await eventually(async () => {
      const res = await createPlan({ victimRef: ref, reviewDueOn: '2027-01-15', items: [item()] });
      expect(res.status).toBe(201);
      return res.body;
    });
    expect((await api(svc, 'GET', `/v1/plans?victimRef=${ref}`, staff)).body.items).toHaveLength(1);
    expect(created.victimRef).toBe(ref);
  });

  it('R-6.2 refuses plans from a shelter: plans are kept by assistance centres', async () => {
    const shelter = await createFacility(svc, { kind: 'shelter', capacity: 0 });
    const res = await createPlan(
      { victimRef: await consentedVictimRef(svc), reviewDueOn: '2027-01-15', items: [] },
      await staffToken(shelter.code),
    );
    expect(res.status).toBe(403);
  });

  it('R-6.4 covers legal aid, education, psychological, medical, vocational, employment and housing, and nothing else', async () => {
    const domains = [
      'legal_aid',
      'education',
      'psychological',
      'medical',
      'vocational',
      'employment',
      'housing',
    ];
    const res = await createPlan({
      victimRef: await consentedVictimRef(svc),
      reviewDueOn: '2027-01-15',
      items: domains.map((domain) => item({ domain })),
    });
    expect(res.status).toBe(201);
    expect(res.body.items.map((i: { domain: string }) => i.domain)).toEqual(domains);
    const bad = await createPlan({
      victimRef: await consentedVictimRef(svc),
      reviewDueOn: '2027-01-15',
      items: [item({ domain: 'surveillance' })],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'items[0].domain' })]);
  });

  it('R-6.1 assigns each measure to a state agency or an NGO', async () => {
    const ok = await createPlan({
      victimRef: await consentedVictimRef(svc),
      reviewDueOn: '2027-01-15',
      items: [
        item({ domain: 'employment', responsible: { kind: 'agency', org: 'MLSPP' } }),
        item({ domain: 'legal_aid', responsible: { kind: 'ngo', org: 'LAW-AID' } }),
      ],
    });
    expect(ok.status).toBe(201);
    const bad = await createPlan({
      victimRef: await consentedVictimRef(svc),
      reviewDueOn: '2027-01-15',
      items: [item({ responsible: { kind: 'agency', org: 'ACME-LTD' } })],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'items[0].responsible.org' })]);
  });

  it('R-6.5 never schedules or starts an item the victim declined', async () => {
    const declinedAtOnce = await createPlan({
      victimRef: await consentedVictimRef(svc),
      reviewDueOn: '2027-01-15',
      items: [item({ status: 'scheduled', victimAgreement: 'declined' })],
    });
    expect(declinedAtOnce.status).toBe(409);
    expect(declinedAtOnce.body.type).toBe('consent-required');

    const plan = (
      await createPlan({
        victimRef: await consentedVictimRef(svc),
        reviewDueOn: '2027-01-15',
        items: [item({ victimAgreement: 'declined' })],
      })
    ).body;
    const itemId = plan.items[0].id as string;
    for (const status of ['scheduled', 'in_progress']) {
      const res = await api(svc, 'PATCH', `/v1/plans/${plan.id as string}`, staff, {
        items: [{ id: itemId, status }],
      });
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('consent-required');
    }
    const unchanged = await api(svc, 'GET', `/v1/plans/${plan.id as string}`, staff);
    expect(unchanged.body.version).toBe(1);
    expect(unchanged.body.items[0].status).toBe('proposed');

    // Agreed, then scheduled; withdrawing agreement stops the measure.
    const agreed = await api(svc, 'PATCH', `/v1/plans/${plan.id as string}`, staff, {
      items: [{ id: itemId, victimAgreement: 'agreed', status: 'scheduled' }],
    });
    expect(agreed.status).toBe(200);
    expect(agreed.body.items[0]).toMatchObject({ status: 'scheduled', victimAgreement: 'agreed' });
    const withdrawn = await api(svc, 'PATCH', `/v1/plans/${plan.id as string}`, staff, {
      items: [{ id: itemId, victimAgreement: 'declined' }],
    });
    expect(withdrawn.body.items[0]).toMatchObject({ status: 'cancelled', victimAgreement: 'declined' });
  });

  it('R-6.5 stops every measure when the victim withdraws consent to rehabilitation', async () => {
    const ref = await consentedVictimRef(svc);
    const plan = (
      await createPlan({
        victimRef: ref,
        reviewDueOn: '2027-01-15',
        items: [
          item({ status: 'in_progress', victimAgreement: 'agreed' }),
          item({ domain: 'housing', victimAgreement: 'pending' }),
          item({ domain: 'medical', status: 'done', victimAgreement: 'agreed' }),
        ],
      })
    ).body;
    await publishConsent(svc, ref, false, 'rehabilitation');
    const after = await eventually(async () => {
      const res = await api(svc, 'GET', `/v1/plans/${plan.id as string}`, staff);
      expect(res.body.version).toBe(2);
      return res.body;
    });
    expect(
      after.items.map((i: { status: string; victimAgreement: string }) => [i.status, i.victimAgreement]),
    ).toEqual([
      ['cancelled', 'declined'],
      ['proposed', 'declined'],
      ['done', 'agreed'],
    ]);
    const history = await api(svc, 'GET', `/v1/plans/${plan.id as string}/revisions`, staff);
    expect(history.body.items[1].changedBy).toBe('system:consent-withdrawn');
    // While the withdrawal stands, no measure starts again, whatever the item says.
    const restart = await api(svc, 'PATCH', `/v1/plans/${plan.id as string}`, staff, {
      items: [{ id: plan.items[1].id, victimAgreement: 'agreed', status: 'scheduled' }],
    });
    expect(restart.status).toBe(409);
    expect(restart.body.type).toBe('consent-required');
  });

  it('R-1.3.4 fits the plan to the victim over time and keeps its history', async () => {
    const plan = (
      await createPlan({
        victimRef: await consentedVictimRef(svc),
        reviewDueOn: '2027-01-15',
        items: [item()],
      })
    ).body;
    const changed = await api(svc, 'PATCH', `/v1/plans/${plan.id as string}`, staff, {
      version: 1,
      reviewDueOn: '2027-02-01',
      items: [{ id: plan.items[0].id, goal: 'Counselling twice a week' }],
      addItems: [
        item({ domain: 'housing', goal: 'Find a flat', responsible: { kind: 'agency', org: 'MLSPP' } }),
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect(changed.body.items.map((i: { goal: string }) => i.goal)).toEqual([
      'Counselling twice a week',
      'Find a flat',
    ]);
    const stale = await api(svc, 'PATCH', `/v1/plans/${plan.id as string}`, staff, {
      version: 1,
      reviewDueOn: '2027-03-01',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('stale-version');

    const history = await api(svc, 'GET', `/v1/plans/${plan.id as string}/revisions`, staff);
    expect(history.body.items.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(history.body.items[0].plan.items.map((i: { goal: string }) => i.goal)).toEqual([
      'Weekly counselling',
    ]);
    expect(history.body.items[1].plan.reviewDueOn).toBe('2027-02-01');
  });

  it('lists plans whose review is overdue', async () => {
    const overdue = (
      await createPlan({ victimRef: await consentedVictimRef(svc), reviewDueOn: '2020-01-01', items: [] })
    ).body;
    const future = (
      await createPlan({ victimRef: await consentedVictimRef(svc), reviewDueOn: '2099-01-01', items: [] })
    ).body;
    expect(overdue.reviewOverdue).toBe(true);
    const res = await api(svc, 'GET', '/v1/plans?reviewOverdue=true', staff);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(overdue.id);
    expect(ids).not.toContain(future.id);
    const closed = await api(svc, 'PATCH', `/v1/plans/${overdue.id as string}`, staff, { status: 'closed' });
    expect(closed.body.reviewOverdue).toBe(false);
    expect(
      (await api(svc, 'GET', '/v1/plans?reviewOverdue=true', staff)).body.items.map(
        (p: { id: string }) => p.id,
      ),
    ).not.toContain(overdue.id);
  });

  it('refuses control characters and impossible dates with 400, writing nothing', async () => {
    const ref = await consentedVictimRef(svc);
    const nul = await createPlan({
      victimRef: ref,
      reviewDueOn: '2027-01-15',
      items: [item({ goal: 'a\u0000b' })],
    });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'items[0].goal' })]);
    for (const reviewDueOn of ['0000-01-01', '2027-02-30', '2027-1-5', '2027-01-15T00:00:00Z']) {
      const res = await createPlan({ victimRef: ref, reviewDueOn, items: [] });
      expect(res.status).toBe(400);
    }
    expect((await api(svc, 'GET', `/v1/plans?victimRef=${ref}`, staff)).body.items).toEqual([]);
  });

  it("keeps one centre's plans from another centre's staff", async () => {
    const plan = (
      await createPlan({ victimRef: await consentedVictimRef(svc), reviewDueOn: '2027-01-15', items: [] })
    ).body;
    const otherCentre = await createFacility(svc, { kind: 'assistance_centre', capacity: 0 });
    const other = await staffToken(otherCentre.code);
    expect((await api(svc, 'GET', `/v1/plans/${plan.id as string}`, other)).status).toBe(403);
    expect(
      (await api(svc, 'PATCH', `/v1/plans/${plan.id as string}`, other, { reviewDueOn: '2027-05-01' }))
        .status,
    ).toBe(403);
    expect((await api(svc, 'GET', '/v1/plans', other)).body.items).toEqual([]);
  });
});
