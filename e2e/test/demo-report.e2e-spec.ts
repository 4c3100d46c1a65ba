import { writeFileSync } from 'node:fs';
import { seedDemo } from '../../scripts/lib/demo-seed.mjs';
import { mintToken, eventually } from '#shared/testing';
import type { Role } from '#shared';
import { Actor, type Json } from '../src/api.js';
import { bootPlatform, type Platform } from '../src/harness.js';

/**
 * `npm start` seeds demo data (scripts/lib/demo-seed.mjs) through the services' APIs; with the
 * default k of 11 (REPORT_MIN_CELL), the commission's annual report of this year must show figures,
 * not only suppressed cells, so that a developer sees what the report looks like.
 */
const K = 11;

describe('demo data of npm start', () => {
  let platform: Platform;
  let demo: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    platform = await bootPlatform();
    const urls = Object.fromEntries(
      ['referral', 'shelter', 'compensation', 'notification', 'reporting'].map((s) => [s, platform.urlOf(s)]),
    );
    demo = await seedDemo({
      urls,
      token: (who) => mintToken({ role: who.role as Role, org: who.org, sub: who.sub }),
    });
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
  });

  it('R-2.4 gives a non-empty annual report of this year, under the default disclosure control', async () => {
    const coordinator = new Actor('coordinator', 'NC', 'nc-1');
    const year = new Date().getUTCFullYear();
    const victims = demo.referrals.length + demo.cohort.length;
    const report: Json = await eventually(
      async () => {
        const r = await coordinator.get(`${platform.urlOf('reporting')}/v1/reports/annual?year=${year}`);
        // One column of every victim: no disclosure control hides it, so it says when all are counted.
        const byKind = r.sections[0].tables.find((t: Json) => t.id === 'referrals-by-kind');
        return byKind.totals.total === victims ? r : false;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    if (process.env.NRM_REPORT_SAMPLE)
      writeFileSync(process.env.NRM_REPORT_SAMPLE, JSON.stringify(report, null, 2));
    expect(report.minCell).toBe(K);
    const byAge = report.sections[0].tables.find((t: Json) => t.id === 'victims-by-age-and-sex');
    expect(byAge.totals.total).toBe(victims);
    const published: (number | null)[] = report.sections.flatMap((s: Json) =>
      s.tables
        .filter((t: Json) => t.unit === 'victims')
        .flatMap((t: Json) => [
          ...t.rows.flatMap((r: Json) => [...r.values, r.total]),
          ...(t.totals ? [t.totals.total] : []),
        ]),
    );
    expect(published.filter((v) => v !== null && v > 0).length).toBeGreaterThan(3);
    expect(published.filter((v) => v !== null && v > 0 && v < K)).toEqual([]);
  }, 120_000);
});
