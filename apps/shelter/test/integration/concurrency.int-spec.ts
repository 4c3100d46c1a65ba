import pg from 'pg';
import { EventTap, eventually, testEnv, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  SCENARIO_AGES,
  createFacility,
  publishRequests,
  shelterRequest,
  startShelter,
} from '../support/shelter.factory.js';

/**
 * Never over capacity: far more concurrent shelter requests than beds, consumed by two instances of
 * the service at once, plus redelivered duplicates. Admissions requested must equal the beds, every
 * other victim must be waitlisted, and no facility may hold more than its capacity.
 */
describe('placement under concurrency', () => {
  let a: TestService<ShelterConfig>;
  let b: TestService<ShelterConfig>;
  let tap: EventTap;
  let db: pg.Client;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startShelter({ AMQP_PREFETCH: '50' }),
      startShelter({ AMQP_PREFETCH: '50' }),
    ]);
    tap = await EventTap.open(testEnv().amqpUrl);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await tap?.close();
    await db?.end();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('R-6.6 never places more victims than beds: 120 requests for 7 beds on two instances give 7 admissions and 113 waitlisted', async () => {
    const age = SCENARIO_AGES.concurrency;
    const facilities = await Promise.all([
      createFacility(a, { capacity: 3, accepts: { minAge: age, maxAge: age } }),
      createFacility(a, { capacity: 4, accepts: { minAge: age, maxAge: age } }),
    ]);
    const beds = 7;
    const requests = Array.from({ length: 120 }, () => shelterRequest({ profile: { age } }));
    const ids = new Set(requests.map((r) => r.requestId));

    // Both instances publish half each, all at once; then every event is redelivered (same event id).
    const [eventsA, eventsB] = await Promise.all([
      publishRequests(a, requests.slice(0, 60)),
      publishRequests(b, requests.slice(60)),
    ]);
    const eventIds = [...eventsA, ...eventsB];
    await Promise.all(requests.map((r, i) => publishRequests(i % 2 ? a : b, [r], { eventId: eventIds[i] })));

    const outcomes = () =>
      tap.events.filter(
        (e) =>
          (e.type === 'shelter.admission.requested' || e.type === 'shelter.waitlisted') &&
          ids.has(e.data.requestId as string),
      );
    await eventually(() => expect(outcomes()).toHaveLength(requests.length), { timeoutMs: 30_000 });

    const admissions = tap
      .ofType('shelter.admission.requested')
      .filter((e) => ids.has(e.data.requestId as string));
    const waitlisted = tap.ofType('shelter.waitlisted').filter((e) => ids.has(e.data.requestId as string));
    expect(admissions).toHaveLength(beds);
    expect(waitlisted).toHaveLength(requests.length - beds);
    expect(new Set(outcomes().map((e) => e.data.requestId)).size).toBe(requests.length);
    for (const f of facilities) {
      const { rows } = await db.query(
        `SELECT capacity, held, occupied,
                (SELECT count(*)::int FROM shelter.placements p WHERE p.facility_id = f.id AND p.status IN ('offered', 'admitted')) AS live
           FROM shelter.facilities f WHERE id = $1`,
        [f.id],
      );
      expect(rows[0].held).toBe(rows[0].capacity);
      expect(rows[0].live).toBe(rows[0].capacity);
    }
    // Both instances took part in the work.
    const handledBy = (svc: TestService<ShelterConfig>) =>
      svc.logs.some(
        (l) =>
          l.includes('"requestId"') && (l.includes('admission requested') || l.includes('victim waitlisted')),
      );
    expect(handledBy(a) && handledBy(b)).toBe(true);

    // A redelivered duplicate arriving later changes nothing.
    await publishRequests(b, [requests[0]], { eventId: eventIds[0] });
    const [late] = await publishRequests(a, [requests[1]]); // the same request in a new event
    await eventually(async () => {
      const { rows } = await db.query('SELECT 1 FROM shelter.inbox WHERE message_id = $1', [late]);
      expect(rows).toHaveLength(1);
    });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM shelter.placements WHERE request_id = ANY($1) AND status IN ('offered', 'admitted')`,
      [[...ids]],
    );
    expect(rows[0].n).toBe(beds);
  });

  it('releases each expired offer exactly once when two instances sweep at the same time', async () => {
    const age = SCENARIO_AGES.expiryTwoInstances;
    const facility = await createFacility(a, { capacity: 6, accepts: { minAge: age, maxAge: age } });
    const requests = Array.from({ length: 6 }, () => shelterRequest({ profile: { age } }));
    const ids = new Set(requests.map((r) => r.requestId));
    await publishRequests(a, requests);
    await eventually(() =>
      expect(
        tap.ofType('shelter.admission.requested').filter((e) => ids.has(e.data.requestId as string)),
      ).toHaveLength(6),
    );

    await db.query(
      `UPDATE shelter.placements SET offer_expires_at = now() - interval '1 second' WHERE facility_id = $1`,
      [facility.id],
    );
    await eventually(
      () =>
        expect(
          tap.ofType('shelter.waitlisted').filter((e) => ids.has(e.data.requestId as string)),
        ).toHaveLength(6),
      { timeoutMs: 15_000 },
    );

    const declined = tap.ofType('shelter.declined').filter((e) => e.data.facilityId === facility.id);
    expect(declined).toHaveLength(6);
    expect(new Set(declined.map((e) => e.data.placementId)).size).toBe(6);
    expect(declined.every((e) => e.data.reason === 'expired')).toBe(true);
    const waiting = tap.ofType('shelter.waitlisted').filter((e) => ids.has(e.data.requestId as string));
    expect(waiting.every((e) => e.data.reason === 'declined_everywhere')).toBe(true);
    const { rows } = await db.query('SELECT held, occupied FROM shelter.facilities WHERE id = $1', [
      facility.id,
    ]);
    expect(rows[0]).toEqual({ held: 0, occupied: 0 });
  });
});
