import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ClaimChanged, ShelterPlanChanged, ShelterTrainingChanged, type Envelope } from '#shared';
import { eventually, startTestService, testEnv, type TestService } from '#shared/testing';
import { AppModule } from '../../src/app.module.js';
import { ReportingConfig } from '../../src/config/reporting.config.js';
import { BusPublisher, envelope } from '../support/events.js';

const HOUR = 3_600_000;

describe('read model of plans, training and claims (integration)', () => {
  let svc: TestService<ReportingConfig>;
  let bus: BusPublisher;
  let db: pg.Client;

  beforeAll(async () => {
    svc = await startTestService({
      service: 'reporting',
      configClass: ReportingConfig,
      module: AppModule.register,
    });
    bus = await BusPublisher.open(testEnv().amqpUrl);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await bus?.close();
    await db?.end();
    await svc?.close();
  });

  it('R-2.4 keeps the latest plan version, claim revision and enrolment status, whatever the order and however often they arrive', async () => {
    const victimRef = `v_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const [planId, claimId, enrolmentId, programmeId, itemA, itemB] = Array.from({ length: 6 }, () =>
      randomUUID(),
    );
    const t0 = Date.UTC(2033, 3, 1);
    const at = (h: number) => new Date(t0 + h * HOUR);
    const plan = (version: number, medical: 'proposed' | 'scheduled' | 'done') =>
      envelope(
        ShelterPlanChanged,
        {
          planId,
          victimRef,
          version,
          status: 'active',
          measures: [
            { itemId: itemA, domain: 'medical', status: medical },
            ...(version > 1
              ? [{ itemId: itemB, domain: 'housing' as const, status: 'proposed' as const }]
              : []),
          ],
        },
        { aggregateId: planId, occurredAt: at(version) },
      );
    const claim = (revision: number, awardedMinor: number, recoveredMinor: number) =>
      envelope(
        ClaimChanged,
        {
          claimId,
          victimRef,
          change: revision === 0 ? 'opened' : 'decision_confirmed',
          revision,
          awardedMinor,
          recoveredMinor,
          fundPaymentOrdered: revision > 0,
          currency: 'AZN',
        },
        { aggregateId: claimId, occurredAt: at(10 + revision) },
      );
    const training = (status: 'enrolled' | 'completed', h: number) =>
      envelope(
        ShelterTrainingChanged,
        { enrolmentId, programmeId, victimRef, leadMinistry: 'MOE', status, at: at(h).toISOString() },
        { aggregateId: enrolmentId, occurredAt: at(h) },
      );
    const inOrder: Envelope<object>[] = [
      plan(1, 'proposed'),
      plan(2, 'scheduled'),
      plan(3, 'done'),
      claim(0, 0, 0),
      claim(1, 150_000, 0),
      claim(2, 150_000, 40_000),
      training('enrolled', 20),
      training('completed', 30),
    ];
    // The newest first, then everything again: late and repeated arrivals.
    await bus.publish([...inOrder].reverse());
    await bus.publish(inOrder);
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM "reporting".inbox WHERE message_id = ANY($1::uuid[])`,
          [inOrder.map((e) => e.id)],
        );
        expect(rows[0].n).toBe(inOrder.length);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const plans = await db.query(`SELECT version, measures FROM "reporting".plans WHERE plan_id = $1`, [
      planId,
    ]);
    expect(plans.rows).toEqual([
      {
        version: 3,
        measures: [
          { domain: 'medical', status: 'done' },
          { domain: 'housing', status: 'proposed' },
        ],
      },
    ]);
    const claims = await db.query(
      `SELECT revision, awarded_minor::int AS awarded, recovered_minor::int AS recovered, fund_payment_ordered AS ordered
         FROM "reporting".claims WHERE claim_id = $1`,
      [claimId],
    );
    expect(claims.rows).toEqual([{ revision: 2, awarded: 150_000, recovered: 40_000, ordered: true }]);
    const enrolments = await db.query(
      `SELECT status, lead_ministry FROM "reporting".enrolments WHERE enrolment_id = $1`,
      [enrolmentId],
    );
    expect(enrolments.rows).toEqual([{ status: 'completed', lead_ministry: 'MOE' }]);
  });
});
