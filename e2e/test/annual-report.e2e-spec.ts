import { writeFileSync } from 'node:fs';
import { eventually } from '#shared/testing';
import { referralBody } from '../../scripts/lib/flows.mjs';
import { Actor, idempotent, type Json } from '../src/api.js';
import { bootPlatform, type Platform } from '../src/harness.js';

/**
 * The commission's annual report from real work: every figure below comes from HTTP calls to
 * the referral, shelter and compensation services, through their outboxes and the broker to the
 * reporting service's read model, each service a real process. k is 3 here so that a handful of
 * victims gives published figures; the rule is the same as with k = 11.
 */
const K = 3;
const N = 8; // victims, all adult women (one group, so every figure is of N or of a known part of N)
const CLAIMS = 6; // victims 0–5 claim compensation
const RECOVERED = 3; // victims 0–2: something recovered from the traffickers' property
const PAID = 4; // victims 0–3: paid by the Fund, in cash
const COMPLETED = 5; // victims 0–4 complete their training; 5–7 are still enrolled
const AWARD = 200_000;
const RECOVERY = 50_000;
const PAYOUT = 100_000;
const YEAR = new Date().getUTCFullYear();

const tableOf = (report: Json, section: string, id: string): Json =>
  report.sections.find((s: Json) => s.id === section).tables.find((t: Json) => t.id === id);
const cell = (t: Json, row: string, col: string): number | null =>
  t.rows.find((r: Json) => r.label === row).values[t.columns.indexOf(col)];

describe('annual report from flows driven over HTTP through every service', () => {
  let platform: Platform;
  let url: (service: string, path: string) => string;
  let report: Json;
  const reported: { victimRef: string; caseNumber: string }[] = [];
  const suffix = Math.random().toString(36).slice(2, 7).toUpperCase();
  const admin = new Actor('admin', 'NC', 'admin-1');
  const agency = new Actor('agency_officer', 'MIA', 'officer-7');
  const officer = new Actor('fund_officer', 'FUND', 'fund-officer-1');
  const approver = new Actor('fund_approver', 'FUND', 'fund-approver-1');
  const coordinator = new Actor('coordinator', 'NC', 'nc-1');
  const shelterCode = `SH-${suffix}`;
  const centreCode = `AC-${suffix}`;
  const shelterStaff = new Actor('facility_staff', shelterCode, 'shelter-staff-1');
  const centreStaff = new Actor('facility_staff', centreCode, 'centre-staff-1');

  beforeAll(async () => {
    platform = await bootPlatform({
      services: ['referral', 'shelter', 'compensation', 'reporting'],
      extraEnv: { reporting: { REPORT_MIN_CELL: String(K) } },
    });
    url = (service, path) => `${platform.urlOf(service)}${path}`;
    const facility = (code: string, kind: string, sexes: string[]) => ({
      code,
      name: `Facility ${code}`,
      kind,
      region: 'Baku',
      operator: 'state',
      capacity: 20,
      accepts: { sexes, children: false, minAge: 18 },
      languages: ['az', 'ru'],
    });
    await admin.post(url('shelter', '/v1/facilities'), facility(shelterCode, 'shelter', ['female']));
    // The centre keeps the plans; it takes only men, so the women of this test are placed in the shelter.
    await admin.post(url('shelter', '/v1/facilities'), facility(centreCode, 'assistance_centre', ['male']));
    const programme = await admin.post(url('shelter', '/v1/training-programmes'), {
      code: `TP-${suffix}`,
      title: 'Tailoring and sales',
      leadMinistry: 'MLSPP',
      partnerNgos: [],
      region: 'Baku',
      startsOn: `${YEAR}-01-01`,
      endsOn: `${YEAR + 1}-12-31`,
      seats: 20,
    });
    await officer.post(url('compensation', '/v1/fund/inflows'), {
      source: 'state_budget',
      amountMinor: PAID * PAYOUT,
      reference: `IN-${suffix}`,
    });

    for (let i = 0; i < N; i++) {
      // Intake and the victim's consents.
      const referral = await agency.post(url('referral', '/v1/referrals'), referralBody(i), idempotent());
      const ref = referral.victimRef as string;
      reported.push(referral);
      for (const purpose of ['shelter_placement', 'rehabilitation'])
        await agency.post(url('referral', `/v1/victims/${ref}/consents`), { purpose, granted: true });
      await agency.post(url('referral', `/v1/victims/${ref}/service-requests`), { service: 'shelter' });

      // Placement: the shelter service offers a bed; its staff admit the victim.
      const placement = await eventually(
        async () => {
          const page = await admin.get(url('shelter', `/v1/placements?victimRef=${ref}`));
          return page.items.find((p: Json) => p.status === 'offered') ?? false;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(placement.facilityCode).toBe(shelterCode);
      await shelterStaff.post(url('shelter', `/v1/placements/${placement.id}/admit`));

      // The individual plan: a medical measure carried out, a housing measure proposed.
      const item = (domain: string, status: string) => ({
        domain,
        goal: 'Agreed with the victim',
        actions: ['first step'],
        responsible: { kind: 'agency', org: domain === 'medical' ? 'MOH' : 'MLSPP' },
        status,
        victimAgreement: status === 'proposed' ? 'pending' : 'agreed',
      });
      const plan = await centreStaff.once(
        'POST',
        url('shelter', '/v1/plans'),
        {
          victimRef: ref,
          reviewDueOn: `${YEAR + 1}-06-30`,
          items: [item('medical', 'scheduled'), item('housing', 'proposed')],
        },
        409,
      );
      const medical = plan.items.find((x: Json) => x.domain === 'medical');
      await centreStaff.call('PATCH', url('shelter', `/v1/plans/${plan.id}`), {
        version: plan.version,
        items: [{ id: medical.id, status: 'done' }],
      });

      // Labour-market training.
      const enrolment = await shelterStaff.post(
        url('shelter', `/v1/training-programmes/${programme.id}/enrolments`),
        {
          victimRef: ref,
        },
      );
      if (i < COMPLETED)
        await shelterStaff.post(
          url('shelter', `/v1/training-programmes/${programme.id}/enrolments/${enrolment.id}/complete`),
        );

      // Compensation: a court decision confirmed by a second person, a recovery, a payout
      // made by an officer and approved by a different approver (four eyes), disbursed in cash.
      if (i >= CLAIMS) continue;
      let claim = await officer.post(url('compensation', '/v1/claims'), {
        victimRef: ref,
        caseNumber: referral.caseNumber,
        claimedMaterialMinor: AWARD,
        claimedMoralMinor: 0,
      });
      claim = await officer.post(url('compensation', `/v1/claims/${claim.id}/court-decisions`), {
        court: 'Baku Grave Crimes Court',
        decisionNumber: `D-${suffix}-${i}`,
        decidedAt: `${YEAR}-01-15`,
        awardedMinor: AWARD,
        fundPaymentOrdered: true,
      });
      const decision = claim.courtDecisions.at(-1);
      await approver.post(
        url('compensation', `/v1/claims/${claim.id}/court-decisions/${decision.id}/confirm`),
      );
      if (i < RECOVERED)
        await officer.post(url('compensation', `/v1/claims/${claim.id}/recoveries`), {
          amountMinor: RECOVERY,
          reference: `REC-${suffix}-${i}`,
        });
      if (i < PAID) {
        const payout = await officer.post(
          url('compensation', '/v1/payouts'),
          {
            claimId: claim.id,
            amountMinor: PAYOUT,
            method: 'cash',
            methodChosenBy: 'victim',
            beneficiaryName: 'Aysel Mammadova',
          },
          idempotent(),
        );
        expect(payout.status).toBe('pending_approval');
        await approver.post(url('compensation', `/v1/payouts/${payout.id}/approve`));
        const paid = await officer.post(url('compensation', `/v1/payouts/${payout.id}/cash-disbursement`), {
          receiptNumber: `KASSA-${suffix}-${i}`,
          identityDocument: `AZE passport AA${1000000 + i}`,
        });
        expect(paid.status).toBe('disbursed');
      }
    }

    // The read model catches up through the broker: wait until the last facts are counted.
    report = await eventually(
      async () => {
        const r = await coordinator.get(url('reporting', `/v1/reports/annual?year=${YEAR}`));
        const paid = tableOf(r, 'compensation', 'award-standing');
        const training = tableOf(r, 'rehabilitation', 'training-enrolments');
        const measures = tableOf(r, 'rehabilitation', 'plan-measures');
        const ready =
          cell(paid, 'female', 'paid_by_fund') === PAID * PAYOUT &&
          cell(paid, 'female', 'recovered') === RECOVERED * RECOVERY &&
          cell(training, 'completed', 'female') === COMPLETED &&
          cell(measures, 'medical', 'done') === N &&
          tableOf(r, 'shelter', 'placed-victims').totals.total === N;
        return ready ? r : false;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
  }, 300_000);

  afterAll(async () => {
    // NRM_REPORT_SAMPLE=<file> keeps the report these flows produced (to show its tables).
    if (process.env.NRM_REPORT_SAMPLE && report)
      writeFileSync(process.env.NRM_REPORT_SAMPLE, JSON.stringify(report, null, 2));
    await platform?.close();
  });

  it('R-2.4 counts the victims reported, placed and in care as the flows made them', () => {
    expect(tableOf(report, 'referrals', 'victims-by-age-and-sex').totals.total).toBe(N);
    expect(cell(tableOf(report, 'shelter', 'placed-victims'), 'female', 'adult')).toBe(N);
    const requests = tableOf(report, 'rehabilitation', 'service-requests');
    expect(requests.rows.find((r: Json) => r.label === 'shelter').total).toBe(N);
  });

  it('R-2.4 counts plan measures by domain and status, and training completed', () => {
    const measures = tableOf(report, 'rehabilitation', 'plan-measures');
    expect(cell(measures, 'medical', 'done')).toBe(N);
    expect(cell(measures, 'medical', 'scheduled')).toBe(0);
    expect(cell(measures, 'housing', 'proposed')).toBe(N);
    expect(measures.totals.total).toBe(2 * N);
    const training = tableOf(report, 'rehabilitation', 'training-enrolments');
    expect(cell(training, 'completed', 'female')).toBe(COMPLETED);
    expect(cell(training, 'enrolled', 'female')).toBe(N - COMPLETED);
  });

  it('R-2.4 sums what the courts awarded, what was recovered, what the Fund paid and what is outstanding', () => {
    const award = tableOf(report, 'compensation', 'award-standing');
    const female = award.rows.find((r: Json) => r.label === 'female');
    const recovered = RECOVERED * RECOVERY;
    const paid = PAID * PAYOUT;
    expect(female.total).toBe(CLAIMS * AWARD);
    expect(female.values).toEqual([recovered, paid, CLAIMS * AWARD - recovered - paid]);
    expect(tableOf(report, 'compensation', 'paid-amounts').totals.total).toBe(paid);
    expect(cell(tableOf(report, 'compensation', 'paid-victims'), 'female', 'adult')).toBe(PAID);
    const claimants = tableOf(report, 'compensation', 'claimants');
    expect(cell(claimants, 'outstanding', 'adult')).toBe(CLAIMS);
    expect(claimants.totals.total).toBe(CLAIMS);
  });

  it(`R-2.4 publishes no count between 1 and k-1 (k = ${K}) in any table`, async () => {
    const counts = ['victims', 'placements', 'requests', 'measures', 'enrolments'];
    const published: number[] = [];
    for (const s of report.sections)
      for (const t of s.tables) {
        if (!counts.includes(t.unit)) continue;
        for (const r of t.rows) published.push(...r.values, r.total);
        if (t.totals) published.push(...t.totals.values, t.totals.total);
      }
    const small = published.filter((v) => v !== null && v > 0 && v < K);
    expect(small).toEqual([]);
    // The CSV carries the same figures.
    const csv = await coordinator.text(
      url('reporting', `/v1/reports/annual?year=${YEAR}&format=csv&section=compensation`),
    );
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(
      `compensation,award-standing,qepik,female,paid_by_fund,${PAID * PAYOUT},false`,
    );
  });

  it('R-1.3.2 the report names no victim, case, court decision, receipt or identity document', async () => {
    const html = await coordinator.text(url('reporting', `/v1/reports/annual.html?year=${YEAR}`));
    expect(html.status).toBe(200);
    const pdf = await coordinator.text(url('reporting', `/v1/reports/annual.pdf?year=${YEAR}`));
    expect(pdf.status).toBe(200);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    for (const text of [JSON.stringify(report), html.text]) {
      expect(text).not.toMatch(/Baku Grave|KASSA|passport|Mammadova|REC-/);
      for (const v of reported) {
        expect(text).not.toContain(v.victimRef);
        expect(text).not.toContain(v.caseNumber);
      }
    }
  });
});
