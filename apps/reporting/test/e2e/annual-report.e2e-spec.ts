import { writeFileSync } from 'node:fs';
import request from 'supertest';
import pg from 'pg';
import { eventually, mintToken, startTestService, testEnv, type TestService } from '#shared/testing';
import { AppModule } from '../../src/app.module.js';
import { ReportingConfig } from '../../src/config/reporting.config.js';
import type { AnnualReport, PublishedTable } from '../../src/reports/annual-report.js';
import {
  BusPublisher,
  eventsOf,
  seeded,
  simulatePopulation,
  type SimulatedVictim,
} from '../support/events.js';

// Each test file of this project owns a year: the report of another year never sees its victims.
const YEAR = 2031;
const K = 11;

const table = (report: AnnualReport, section: string, id: string): PublishedTable =>
  report.sections.find((s) => s.id === section)!.tables.find((t) => t.id === id)!;

describe('annual report (e2e)', () => {
  let svc: TestService<ReportingConfig>;
  let bus: BusPublisher;
  let db: pg.Client;
  let population: SimulatedVictim[];
  let coordinator: string;
  let report: AnnualReport;

  beforeAll(async () => {
    svc = await startTestService({
      service: 'reporting',
      configClass: ReportingConfig,
      module: AppModule.register,
    });
    bus = await BusPublisher.open(testEnv().amqpUrl);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
    coordinator = await mintToken({ role: 'coordinator', org: 'NC' });
    population = simulatePopulation(300, YEAR, 7);
    // Every event twice, all of them shuffled: late, early and repeated arrivals.
    const r = seeded(99);
    const events = population.flatMap((v) => eventsOf(v));
    const twice = [...events, ...events]
      .map((e) => ({ e, o: r.next() }))
      .sort((a, b) => a.o - b.o)
      .map((x) => x.e);
    await bus.publish(twice);
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM "reporting".inbox i WHERE i.message_id = ANY($1::uuid[])`,
          [events.map((e) => e.id)],
        );
        expect(rows[0].n).toBe(events.length);
      },
      { timeoutMs: 120_000 },
    );
    const res = await request(svc.url)
      .get(`/v1/reports/annual?year=${YEAR}`)
      .set('authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(200);
    report = res.body as AnnualReport;
  }, 180_000);

  afterAll(async () => {
    // NRM_REPORT_SAMPLE=<file> keeps the report of this simulated year (to show its tables).
    if (process.env.NRM_REPORT_SAMPLE && report)
      writeFileSync(process.env.NRM_REPORT_SAMPLE, JSON.stringify(report, null, 2));
    await bus?.close();
    await db?.end();
    await svc?.close();
  });

  it('R-2.4 counts every victim of the year once, however often and in whatever order the events arrived', () => {
    const byAge = table(report, 'referrals', 'victims-by-age-and-sex');
    expect(byAge.totals!.total).toBe(population.length);
    const female = population.filter((v) => v.sex === 'female').length;
    expect(byAge.totals!.values[byAge.columns.indexOf('female')]).toBe(female);
    const identified = table(report, 'referrals', 'identification-by-sex');
    const row = identified.rows.find((x) => x.label === 'identified_victim')!;
    expect(row.total).toBe(population.filter((v) => v.outcome === 'identified_victim').length);
  });

  it('R-2.4 sums what was paid and the nights in care as the flows did', () => {
    const paid = table(report, 'compensation', 'paid-amounts');
    expect(paid.totals!.total).toBe(population.reduce((s, v) => s + v.paidMinor, 0));
    const nights = table(report, 'shelter', 'nights-in-care');
    const asOf = Date.parse(report.generatedAt);
    const day = (t: number) => Math.floor(t / 86_400_000);
    const expected = population
      .filter((v) => v.placement)
      .reduce((s, v) => {
        if (v.placement!.discharged) return s + v.placement!.nights;
        const admitted = eventsOf(v).find((e) => e.type === 'shelter.admitted')!;
        return s + Math.max(0, day(asOf) - day(Date.parse(admitted.occurredAt)));
      }, 0);
    expect(nights.totals!.total).toBe(expected);
  });

  it('R-2.4 follows service requests, safety assessments and return cases to their latest state', () => {
    const requests = table(report, 'rehabilitation', 'service-requests');
    const asked = population.flatMap((v) => v.services);
    const shelterRequests = population.filter((v) => v.placement).length;
    expect(requests.totals!.total).toBe(asked.length + shelterRequests);
    const completed = requests.totals!.values[requests.columns.indexOf('completed')];
    if (completed !== null) expect(completed).toBe(asked.filter((x) => x.answer === 'completed').length);
    const safety = table(report, 'referrals', 'safety-risk');
    const high = safety.rows.find((r) => r.label === 'high')!.values[0];
    if (high !== null) expect(high).toBe(population.filter((v) => v.riskLevel === 'high').length);
    const returns = table(report, 'return', 'return-status');
    expect(returns.totals!.total).toBe(population.filter((v) => v.citizenship !== 'AZ').length);
  });

  it(`R-2.4 publishes no figure of fewer than k (${K}) victims`, () => {
    for (const s of report.sections)
      for (const t of s.tables) {
        if (t.unit !== 'victims') continue;
        const all = [
          ...t.rows.flatMap((r) => [...r.values, r.total]),
          ...(t.totals ? [...t.totals.values, t.totals.total] : []),
        ];
        for (const v of all) if (v !== null) expect(v === 0 || v >= K).toBe(true);
      }
    expect(report.sections.some((s) => s.tables.some((t) => t.suppressedCells > 0))).toBe(true);
  });

  it('R-1.3.2 exports one k-anonymous HTCDS row per victim, with no victimRef, name, date or free text', async () => {
    const res = await request(svc.url)
      .get(`/v1/exports/htcds?year=${YEAR}`)
      .set('authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(200);
    const victims = population.filter((v) => v.outcome !== 'not_a_victim');
    expect(res.body.rows.length + res.body.suppressedRows).toBe(victims.length);
    expect(res.body.rows.length).toBeGreaterThan(victims.length / 2);
    const counts = new Map<string, number>();
    for (const row of res.body.rows as Record<string, unknown>[]) {
      const sig = JSON.stringify(row);
      counts.set(sig, (counts.get(sig) ?? 0) + 1);
    }
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(K);
    const csv = await request(svc.url)
      .get(`/v1/exports/htcds?year=${YEAR}&format=csv`)
      .set('authorization', `Bearer ${coordinator}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['x-suppressed-rows']).toBe(String(res.body.suppressedRows));
    const [header, ...lines] = csv.text.trim().split('\r\n');
    expect(header).toBe(res.body.fields.join(','));
    expect(lines).toHaveLength(res.body.rows.length);
    for (const text of [csv.text, JSON.stringify(res.body.rows)]) {
      for (const v of population) expect(text).not.toContain(v.victimRef);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/);
      expect(text).not.toMatch(/NRM-|Baku|Ganja|spu-officer|fund-approver/);
    }
    const agency = await mintToken({ role: 'agency_officer', org: 'MIA' });
    expect(
      (await request(svc.url).get(`/v1/exports/htcds?year=${YEAR}`).set('authorization', `Bearer ${agency}`))
        .status,
    ).toBe(403);
  });

  it('gives one section as CSV', async () => {
    const res = await request(svc.url)
      .get(`/v1/reports/annual?year=${YEAR}&format=csv&section=handover`)
      .set('authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('section,table,unit,row,column,value,suppressed');
    expect(lines.slice(1).every((l) => l.startsWith('handover,'))).toBe(true);
    expect(lines).toContain(
      `handover,handover-duration,victims,total,total,${population.filter((v) => v.handoverHours !== null).length},false`,
    );
  });

  it('renders a printable HTML report with an SVG chart and an explanation per figure', async () => {
    const res = await request(svc.url)
      .get(`/v1/reports/annual.html?year=${YEAR}`)
      .set('authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const figures = report.sections.reduce((n, s) => n + s.tables.length, 0);
    expect(res.text.match(/<svg /g)?.length).toBe(figures);
    expect(res.text.match(/<figcaption>/g)?.length).toBe(figures);
  });

  it('is for the National Coordinator and admins only', async () => {
    for (const [role, org] of [
      ['agency_officer', 'MIA'],
      ['police_duty_officer', 'MIA-SPU'],
      ['fund_officer', 'FUND'],
    ] as const) {
      const token = await mintToken({ role, org });
      const res = await request(svc.url)
        .get(`/v1/reports/annual?year=${YEAR}`)
        .set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(403);
    }
    const admin = await mintToken({ role: 'admin', org: 'NC' });
    expect(
      (await request(svc.url).get(`/v1/reports/annual?year=${YEAR}`).set('authorization', `Bearer ${admin}`))
        .status,
    ).toBe(200);
  });

  it('answers 400 validation-failed for a bad year or section', async () => {
    const bad = await request(svc.url)
      .get('/v1/reports/annual?year=nineteen')
      .set('authorization', `Bearer ${coordinator}`);
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('validation-failed');
    const section = await request(svc.url)
      .get(`/v1/reports/annual?year=${YEAR}&format=csv&section=gossip`)
      .set('authorization', `Bearer ${coordinator}`);
    expect(section.status).toBe(400);
  });
});
