import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { eventually } from '#shared/testing';
import {
  referralBody,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

interface Answer {
  key: string;
  status: number;
  type?: string;
  retryAfter: string | null;
}

/** Overload is not failure: a saturated pool answers `503 overloaded` with Retry-After, never 500 or "not ready". */
describe('intake under overload (e2e)', () => {
  let svc: ReferralService;
  let db: DataSource;
  const sub = `overload-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // The smallest pool the service accepts (migrations hold one connection and run on a second), a
    // bounded wait for a connection and a queue of one request beyond the pool.
    svc = await startReferral({
      DATABASE_POOL_SIZE: '2',
      DATABASE_POOL_WAIT_MS: '1000',
      OVERLOAD_QUEUE_LIMIT: '1',
    });
    db = svc.app.get(DataSource);
  });
  afterAll(() => svc?.close());

  const intake = async (headers: Record<string, string>, key: string): Promise<Answer> => {
    const res = await fetch(`${svc.url}/v1/referrals`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': key },
      body: JSON.stringify(referralBody()),
    });
    const body = (await res.json().catch(() => ({}))) as Json;
    if (res.status === 503) expect(res.headers.get('content-type')).toContain('application/problem+json');
    return {
      key,
      status: res.status,
      type: body.type as string | undefined,
      retryAfter: res.headers.get('retry-after'),
    };
  };

  const expectOnlyCreatedOrOverloaded = (answers: Answer[]) => {
    for (const a of answers) {
      if (a.status === 201) continue;
      expect({ status: a.status, type: a.type }).toEqual({ status: 503, type: 'overloaded' });
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
  };

  it('answers 503 overloaded with Retry-After while every connection is busy, and stays ready', async () => {
    const headers = await tokens.agency('MOH', sub);
    // A clean request first: the database answers.
    expect((await intake(headers, randomUUID())).status).toBe(201);
    // Every pooled connection held by the test: the pool is saturated, the database healthy.
    const held: QueryRunner[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const runner = db.createQueryRunner();
        await runner.connect();
        held.push(runner);
      }
      const answers = await Promise.all(Array.from({ length: 6 }, () => intake(headers, randomUUID())));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));
      expectOnlyCreatedOrOverloaded(answers);
      const ready = await fetch(`${svc.url}/health/ready`);
      expect(ready.status).toBe(200);
    } finally {
      await Promise.all(held.map((r) => r.release()));
    }
  });

  it('under a burst, every answer is 201 or 503 overloaded, never 500, and nothing is half-written', async () => {
    const headers = await tokens.agency('MOH', sub);
    const burst = Promise.all(Array.from({ length: 60 }, () => intake(headers, randomUUID())));
    const readyDuringBurst = fetch(`${svc.url}/health/ready`).then((r) => r.status);
    const answers = await burst;
    expectOnlyCreatedOrOverloaded(answers);
    expect(await readyDuringBurst).toBe(200);

    // Refused requests wrote nothing: retried with the same key (as a client honouring Retry-After
    // does), each is created once.
    for (const a of answers.filter((x) => x.status !== 201)) {
      await eventually(async () => (await intake(headers, a.key)).status === 201, { timeoutMs: 30_000 });
    }
    const keys = answers.map((a) => a.key);
    const [counts] = await db.query<{ keys: number; referrals: number; victims: number; events: number }[]>(
      `SELECT count(k.*)::int AS keys, count(r.id)::int AS referrals, count(v.id)::int AS victims,
              count(o.event_id)::int AS events
         FROM "referral".idempotency_keys k
         LEFT JOIN "referral".referrals r ON r.id = k.referral_id
         LEFT JOIN "referral".victims v ON v.id = r.victim_id
         LEFT JOIN "referral".outbox o ON o.aggregate_id = r.id::text AND o.event_type = 'referral.reported'
        WHERE k.reporting_org = 'MOH' AND k.idempotency_key = ANY($1)`,
      [keys],
    );
    expect(counts).toEqual({ keys: 60, referrals: 60, victims: 60, events: 60 });
    const [{ orphans }] = await db.query<{ orphans: number }[]>(
      `SELECT count(*)::int AS orphans FROM "referral".referrals r
        WHERE r.reported_by = $1 AND NOT EXISTS (SELECT 1 FROM "referral".idempotency_keys k WHERE k.referral_id = r.id)`,
      [sub],
    );
    expect(orphans).toBe(0);
  });
});
