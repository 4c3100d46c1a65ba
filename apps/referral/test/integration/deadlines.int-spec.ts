import pg from 'pg';
import { EventTap, testEnv } from '#shared/testing';
import { DeadlineMonitor } from '../../src/deadlines/deadline-monitor.js';
import { DeadlinesRepository } from '../../src/deadlines/deadlines.repository.js';
import {
  get,
  report,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

describe('deadline monitor (R-4.2), two instances', () => {
  let a: ReferralService;
  let b: ReferralService;
  let tap: EventTap;
  let db: pg.Client;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl, 'referral.deadline.*');
    [a, b] = await Promise.all([
      startReferral({ DEADLINE_SCAN_MS: '100' }),
      startReferral({ DEADLINE_SCAN_MS: '100' }),
    ]);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await tap?.close();
    await db?.end();
  });

  const outboxCount = async (type: string, referralId: string) =>
    Number(
      (
        await db.query(`SELECT count(*) FROM "referral".outbox WHERE event_type = $1 AND aggregate_id = $2`, [
          type,
          referralId,
        ])
      ).rows[0].count,
    );

  it('R-4.2 warns once before the 24-hour deadline and announces a breach once after it, with two instances scanning', async () => {
    const approaching = await report(a, 'MOH', { identifiedAt: hoursAgo(22) }); // due in 2 h, inside the 4 h lead
    const breached = await report(b, 'MOE', { identifiedAt: hoursAgo(25) }); // due an hour ago

    const warning = await tap.waitFor<Json>(
      'referral.deadline.approaching',
      (d) => d.referralId === approaching.id,
    );
    expect(warning.data).toMatchObject({
      caseNumber: approaching.caseNumber,
      reportingOrg: 'MOH',
      handoverDueAt: approaching.handoverDueAt,
    });
    expect(warning.data.minutesLeft).toBeGreaterThan(100);
    expect(warning.data.minutesLeft).toBeLessThanOrEqual(120);
    await tap.waitFor<Json>('referral.deadline.breached', (d) => d.referralId === breached.id);

    // Both instances scan again, concurrently and repeatedly: nothing is announced twice.
    const monitors = [a.app.get(DeadlineMonitor), b.app.get(DeadlineMonitor)];
    for (let i = 0; i < 5; i++) await Promise.all(monitors.map((m) => m.scanOnce()));
    // A referral reported after those scans is announced by a later scan: proof the scans kept running.
    const sentinel = await report(a, 'MOH', { identifiedAt: hoursAgo(26) });
    await tap.waitFor<Json>('referral.deadline.breached', (d) => d.referralId === sentinel.id);

    expect(await outboxCount('referral.deadline.approaching', approaching.id)).toBe(1);
    expect(await outboxCount('referral.deadline.breached', approaching.id)).toBe(0);
    expect(await outboxCount('referral.deadline.breached', breached.id)).toBe(1);
    // Already past its deadline when reported: a breach, not an "approaching" warning.
    expect(await outboxCount('referral.deadline.approaching', breached.id)).toBe(0);
    expect(
      tap.ofType('referral.deadline.approaching').filter((e) => e.data.referralId === approaching.id),
    ).toHaveLength(1);
    expect(
      tap.ofType('referral.deadline.breached').filter((e) => e.data.referralId === breached.id),
    ).toHaveLength(1);
  });

  it('R-4.2 lists a breached referral with overdue=true and not one still within its 24 hours', async () => {
    const late = await report(a, 'SCFWCA', { identifiedAt: hoursAgo(30) });
    const fresh = await report(a, 'SCFWCA', { identifiedAt: hoursAgo(1) });
    await tap.waitFor<Json>('referral.deadline.breached', (d) => d.referralId === late.id);
    const list = await get(a, '/v1/referrals?overdue=true&limit=100', await tokens.agency('SCFWCA'));
    const ids = list.body.items.map((r: Json) => r.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(fresh.id);
    const one = await get(a, `/v1/referrals/${late.id}`, await tokens.agency('SCFWCA'));
    expect(one.body.overdue).toBe(true);
  });

  it('R-4.2 scans through partial indexes only, so the cost follows the due referrals, not the table', async () => {
    const explain = async (sql: string, params: unknown[]) => {
      await db.query('BEGIN');
      try {
        await db.query('SET LOCAL enable_seqscan = off');
        const res = await db.query(`EXPLAIN ${sql}`, params);
        return res.rows.map((r: Json) => r['QUERY PLAN']).join('\n');
      } finally {
        await db.query('ROLLBACK');
      }
    };
    expect(await explain(DeadlinesRepository.BREACH_SQL, [new Date(), 10])).toContain(
      'referrals_breach_due_idx',
    );
    expect(await explain(DeadlinesRepository.APPROACHING_SQL, [new Date(), 10, '240 minutes'])).toContain(
      'referrals_approaching_due_idx',
    );
  });

  it('R-4.2 serves the duty queue, nearest deadline first, from an index in that order (no sort of the table)', async () => {
    await db.query('BEGIN');
    try {
      // Whatever the table's size here: the planner must be able to read the order from an index.
      for (const kind of ['seqscan', 'bitmapscan', 'sort']) await db.query(`SET LOCAL enable_${kind} = off`);
      const plan = (
        await db.query(
          `EXPLAIN SELECT * FROM "referral".referrals r
            WHERE (r.handover_due_at, r.id) > ($1::timestamptz, $2::uuid)
            ORDER BY r.handover_due_at ASC, r.id ASC LIMIT 100`,
          [new Date(), '00000000-0000-0000-0000-000000000000'],
        )
      ).rows
        .map((r: Json) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toContain('referrals_due_idx');
      expect(plan).not.toMatch(/\bSort\b/);
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
