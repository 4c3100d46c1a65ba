import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '#shared';
import { testEnv } from '#shared/testing';
import { notificationDatabase } from '../../src/database/database.js';
import { DeliveriesRepository, type ClaimedDelivery } from '../../src/deliveries/deliveries.repository.js';
import { DeliveryAttempt } from '../../src/deliveries/delivery-attempt.entity.js';

/**
 * The claim query against a database of its own (no dispatcher of another test file may take these
 * rows): fairness is shown by which rows one claim round returns, never by timing.
 */
describe('fair claims and circuit breakers (DeliveriesRepository)', () => {
  const name = `${testEnv().database}_fair_${randomBytes(3).toString('hex')}`;
  let admin: pg.Client;
  let ds: DataSource;
  let repo: DeliveriesRepository;
  const circuit = { threshold: 3, cooldownMs: 60_000, maxCooldownMs: 600_000 };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(testEnv().adminDatabaseUrl);
    url.pathname = `/${name}`;
    const setup = new pg.Client({ connectionString: url.toString() });
    await setup.connect();
    await setup.query('CREATE SCHEMA notification');
    await setup.end();
    ds = createDataSource(url.toString(), notificationDatabase, 4, 'fair-claim-test');
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    repo = new DeliveriesRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  async function recipient(org: string): Promise<string> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO notification.recipients (id, org, channel, address_sealed, address_index, language, secret_sealed, created_by)
       VALUES ($1, $2, 'webhook', 'sealed', $3, 'en', 'sealed', 'test')`,
      [id, org, randomUUID()],
    );
    return id;
  }

  /** `n` due deliveries to a recipient, the oldest first (due `ageSeconds` ago down to now). */
  async function backlog(
    recipientId: string,
    n: number,
    ageSeconds: number,
    eventType = 'referral.reported',
  ) {
    await ds.query(
      `INSERT INTO notification.deliveries
         (id, event_id, event_type, event_occurred_at, correlation_id, recipient_id, org, channel, language, subject,
          body, variables, next_attempt_at)
       SELECT gen_random_uuid(), gen_random_uuid(), $3, now(), 'c', $1, 'MIA-SPU', 'webhook', 'en', 's', 'b', '{}',
              now() - ($2 - i) * interval '1 second' * (1.0 * $4 / $2)
         FROM generate_series(0, $2 - 1) AS i`,
      [recipientId, n, eventType, ageSeconds],
    );
  }

  /** Ends a claimed attempt as delivered (attempt number `attempt`, by default the claimed one). */
  function succeeded(d: ClaimedDelivery, attempt = d.attempts) {
    return repo.completeAttempt(
      undefined,
      { kind: 'delivered' },
      Object.assign(new DeliveryAttempt(), {
        deliveryId: d.id,
        attempt,
        startedAt: new Date(),
        finishedAt: new Date(),
        outcome: 'delivered',
        responseCode: 204,
        error: null,
      }),
      circuit,
    );
  }

  async function release(): Promise<void> {
    // Ends every claimed attempt, so the next test starts with nothing in flight.
    await ds.query(
      `UPDATE notification.deliveries SET status = 'delivered', delivered_at = now(), lease_until = NULL WHERE status IN ('sending', 'pending')`,
    );
  }

  it("R-4.1 claims a healthy recipient's new alert in the first round although three dead recipients hold an older backlog of 3 000", async () => {
    const dead = [await recipient('MIA-SPU'), await recipient('MIA-SPU'), await recipient('MIA-SPU')];
    for (const d of dead) await backlog(d, 1000, 3600);
    const healthy = await recipient('MIA-SPU');
    await backlog(healthy, 1, 0);

    const claimed = await repo.claimDue(8, 60_000, 4);
    expect(claimed).toHaveLength(8);
    expect(claimed.filter((c) => c.recipientId === healthy)).toHaveLength(1);
    // Round-robin: no dead recipient takes more than its share, never its whole cap at once ahead of the others.
    for (const d of dead) expect(claimed.filter((c) => c.recipientId === d).length).toBeLessThanOrEqual(4);
    await release();
  });

  it("takes every recipient's first delivery before anyone's second (round-robin)", async () => {
    const many = await Promise.all(
      Array.from({ length: 5 }, () => recipient(`NGO-${randomUUID().slice(0, 6)}`)),
    );
    for (const [i, r] of many.entries()) await backlog(r, 10, 100 * (i + 1), 'shelter.waitlisted');
    const claimed = await repo.claimDue(5, 60_000, 4);
    expect(new Set(claimed.map((c) => c.recipientId))).toEqual(new Set(many));
    await release();
  });

  it("puts the duty channel's alerts first within a round", async () => {
    const a = await recipient('FAC-A');
    const b = await recipient('MIA-SPU');
    await backlog(a, 1, 500, 'shelter.admission.requested');
    await backlog(b, 1, 1, 'referral.reported');
    const [first] = await repo.claimDue(1, 60_000, 4);
    expect(first?.recipientId).toBe(b);
    await release();
  });

  it('never gives one recipient more than its cap in flight, across claims', async () => {
    const r = await recipient('NGO-CAP');
    await backlog(r, 50, 60);
    expect(await repo.claimDue(32, 60_000, 3)).toHaveLength(3);
    expect(await repo.claimDue(32, 60_000, 3)).toHaveLength(0);
    await release();
  });

  async function fail(d: { id: string; attempts: number }, openCircuit = circuit) {
    const a = Object.assign(new DeliveryAttempt(), {
      deliveryId: d.id,
      attempt: d.attempts,
      startedAt: new Date(),
      finishedAt: new Date(),
      outcome: 'failed',
      responseCode: null,
      error: 'connection refused',
    });
    return repo.completeAttempt(
      undefined,
      { kind: 'retry', delayMs: 0, error: 'connection refused' },
      a,
      openCircuit,
    );
  }

  it("opens a recipient's circuit after consecutive failures: its backlog waits without using up attempts, then one probe goes", async () => {
    const dead = await recipient('NGO-DEAD');
    await backlog(dead, 20, 60);
    const first = await repo.claimDue(3, 60_000, 8, circuit.threshold);
    expect(first).toHaveLength(3);
    const results = [];
    for (const d of first) results.push(await fail(d));
    // The third consecutive failure opens the circuit.
    expect(results.map((r) => r.applied)).toEqual([true, true, true]);
    expect(results[2]?.circuitOpenUntil).toBeInstanceOf(Date);
    expect(results[1]?.circuitOpenUntil).toBeUndefined();

    // Open: nothing of that recipient is claimed, and no attempt is counted on the waiting ones.
    expect(await repo.claimDue(32, 60_000, 8, circuit.threshold)).toHaveLength(0);
    const untouched = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification.deliveries WHERE recipient_id = $1 AND attempts = 0`,
      [dead],
    );
    expect(untouched[0]?.n).toBe(17);

    // The cooldown is over: half-open, exactly one probe at a time.
    await ds.query(
      `UPDATE notification.recipient_circuits SET open_until = now() - interval '1 second' WHERE recipient_id = $1`,
      [dead],
    );
    const probe = await repo.claimDue(32, 60_000, 8, circuit.threshold);
    expect(probe).toHaveLength(1);
    expect(await repo.claimDue(32, 60_000, 8, circuit.threshold)).toHaveLength(0);

    // The probe fails: open again, for longer (the cooldown doubles with each trip).
    const again = await fail(probe[0]);
    expect(again.circuitOpenUntil!.getTime() - Date.now()).toBeGreaterThan(circuit.cooldownMs * 1.5);
    expect(await repo.claimDue(32, 60_000, 8, circuit.threshold)).toHaveLength(0);

    // A successful probe closes it: the backlog flows again.
    await ds.query(
      `UPDATE notification.recipient_circuits SET open_until = now() - interval '1 second' WHERE recipient_id = $1`,
      [dead],
    );
    const [ok] = await repo.claimDue(32, 60_000, 8, circuit.threshold);
    const done = await succeeded(ok);
    expect(done).toEqual({ applied: true, circuitOpenUntil: undefined });
    expect(await repo.claimDue(32, 60_000, 8, circuit.threshold)).toHaveLength(8);
    await release();
  });

  it('records successes completing together in one batch, each as on its own: delivered, its attempt row, the circuit closed, a stale attempt left alone', async () => {
    const r = await recipient('NGO-BATCH');
    await backlog(r, 6, 10);
    await ds.query(
      `INSERT INTO notification.recipient_circuits (recipient_id, consecutive_failures, trips, updated_at) VALUES ($1, 2, 0, now())`,
      [r],
    );
    const claimed = await repo.claimDue(6, 60_000, 8, circuit.threshold);
    expect(claimed).toHaveLength(6);
    // All at once (the first is written alone, the others wait and go together); the last one with a
    // stale attempt number, as after its lease passed to another dispatcher.
    const results = await Promise.all([
      ...claimed.slice(0, 5).map((d) => succeeded(d)),
      succeeded(claimed[5], 7),
    ]);
    expect(results.map((x) => x.applied)).toEqual([true, true, true, true, true, false]);
    const rows = await ds.query<{ status: string; attempts: number }[]>(
      `SELECT d.status, (SELECT count(*)::int FROM notification.delivery_attempts a WHERE a.delivery_id = d.id) AS attempts
         FROM notification.deliveries d WHERE d.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], d.id)`,
      [claimed.map((d) => d.id)],
    );
    expect(rows).toEqual([
      ...Array(5).fill({ status: 'delivered', attempts: 1 }),
      { status: 'sending', attempts: 0 },
    ]);
    const [c] = await ds.query<{ consecutive_failures: number }[]>(
      `SELECT consecutive_failures FROM notification.recipient_circuits WHERE recipient_id = $1`,
      [r],
    );
    expect(c?.consecutive_failures).toBe(0);
    await release();
  });

  it('claims nothing for an inactive recipient', async () => {
    const r = await recipient('NGO-OFF');
    await backlog(r, 3, 10);
    await ds.query(`UPDATE notification.recipients SET active = false WHERE id = $1`, [r]);
    const claimed = await repo.claimDue(32, 60_000, 8);
    expect(claimed.filter((c) => c.recipientId === r)).toHaveLength(0);
    await release();
  });
});
