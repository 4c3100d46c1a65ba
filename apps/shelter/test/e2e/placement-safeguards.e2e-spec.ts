import pg from 'pg';
import { EventTap, eventually, testEnv, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  SCENARIO_AGES,
  adminToken,
  api,
  createFacility,
  publishConsent,
  publishRequests,
  shelterRequest,
  staffToken,
  startShelter,
  victimRef as victimRefOf,
} from '../support/shelter.factory.js';

describe('placement safeguards (e2e): capacity changes, one bed per victim, consent withdrawn', () => {
  let svc: TestService<ShelterConfig>;
  let tap: EventTap;
  let db: pg.Client;

  beforeAll(async () => {
    svc = await startShelter();
    tap = await EventTap.open(testEnv().amqpUrl);
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await tap?.close();
    await db?.end();
    await svc?.close();
  });

  const admission = (requestId: string) =>
    tap.waitFor<Record<string, unknown>>('shelter.admission.requested', (d) => d.requestId === requestId);
  const occupancy = async (facility: { id: string; code: string }) =>
    (await api(svc, 'GET', `/v1/facilities/${facility.id}/occupancy`, await staffToken(facility.code))).body;

  it('refuses to lower capacity below the beds held, and offers new beds to the waiting list', async () => {
    const age = SCENARIO_AGES.capacity;
    const facility = await createFacility(svc, { capacity: 1, accepts: { minAge: age, maxAge: age } });
    const [first, second] = [shelterRequest({ profile: { age } }), shelterRequest({ profile: { age } })];
    await publishRequests(svc, [first]);
    await admission(first.requestId);
    await publishRequests(svc, [second]);
    await tap.waitFor('shelter.waitlisted', (d) => d.requestId === second.requestId);
    const token = await adminToken();
    const lower = await api(svc, 'PATCH', `/v1/facilities/${facility.id}`, token, { capacity: 0 });
    expect(lower.status).toBe(409);
    expect(lower.body.type).toBe('capacity-below-occupancy');
    expect((await api(svc, 'PATCH', `/v1/facilities/${facility.id}`, token, { capacity: 2 })).status).toBe(
      200,
    );
    // The offer sweep serves the waiting list with the new bed.
    const next = await admission(second.requestId);
    expect(next.data.facilityId).toBe(facility.id);
    expect(await occupancy(facility)).toMatchObject({ capacity: 2, held: 2, free: 0 });
  });

  it('gives a victim one bed even when they ask again while placed or waiting', async () => {
    const age = SCENARIO_AGES.oneBed;
    await createFacility(svc, { capacity: 3, accepts: { minAge: age, maxAge: age } });
    const first = shelterRequest({ profile: { age } });
    await publishRequests(svc, [first]);
    await admission(first.requestId);
    const again = shelterRequest({ victimRef: first.victimRef, profile: { age } });
    const [eventId] = await publishRequests(svc, [again]);
    await eventually(async () => {
      const { rows } = await db.query('SELECT 1 FROM shelter.inbox WHERE message_id = $1', [eventId]);
      expect(rows).toHaveLength(1);
    });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM shelter.placements WHERE victim_ref = $1`,
      [first.victimRef],
    );
    expect(rows[0].n).toBe(1);
    expect(
      tap.events.filter((e) => e.data.requestId === again.requestId && e.type.startsWith('shelter.')),
    ).toHaveLength(0);
  });

  it('R-6.5 ends the request when the victim withdraws consent: the held bed goes to the next victim, the waiting one leaves the list', async () => {
    const age = SCENARIO_AGES.consent;
    const facility = await createFacility(svc, { capacity: 1, accepts: { minAge: age, maxAge: age } });
    const [held, waiting, next] = [
      shelterRequest({ profile: { age } }),
      shelterRequest({ profile: { age } }),
      shelterRequest({ profile: { age } }),
    ];
    await publishRequests(svc, [held]);
    const offer = await admission(held.requestId);
    await publishRequests(svc, [waiting]);
    await tap.waitFor('shelter.waitlisted', (d) => d.requestId === waiting.requestId);
    await publishRequests(svc, [next]);
    await tap.waitFor('shelter.waitlisted', (d) => d.requestId === next.requestId);

    // The waiting victim withdraws first: they must not be offered the bed freed next.
    const withdrawal = await publishConsent(svc, waiting.victimRef, false);
    await eventually(async () => {
      const { rows } = await db.query('SELECT status FROM shelter.placement_requests WHERE id = $1', [
        waiting.requestId,
      ]);
      expect(rows[0].status).toBe('withdrawn');
    });
    expect(withdrawal).toBeDefined();
    await publishConsent(svc, held.victimRef, false);
    await tap.waitFor(
      'shelter.declined',
      (d) => d.placementId === offer.data.placementId && d.reason === 'consent_withdrawn',
    );
    const nextOffer = await admission(next.requestId);
    expect(nextOffer.data.facilityId).toBe(facility.id);
    expect(
      tap.ofType('shelter.admission.requested').filter((e) => e.data.requestId === waiting.requestId),
    ).toHaveLength(0);
    const { rows } = await db.query('SELECT status FROM shelter.placement_requests WHERE id = $1', [
      held.requestId,
    ]);
    expect(rows[0].status).toBe('withdrawn');
  });

  it('R-6.5 does not place a victim whose later withdrawal of consent was delivered before the request', async () => {
    const age = SCENARIO_AGES.lateRequest;
    const facility = await createFacility(svc, { capacity: 2, accepts: { minAge: age, maxAge: age } });
    const ref = victimRefOf();
    const early = shelterRequest({
      victimRef: ref,
      requestedAt: new Date(Date.now() - 60_000).toISOString(),
      profile: { age },
    });
    const withdrawal = await publishConsent(svc, ref, false);
    await eventually(async () => {
      const { rows } = await db.query('SELECT 1 FROM shelter.inbox WHERE message_id = $1', [withdrawal]);
      expect(rows).toHaveLength(1);
    });
    await publishRequests(svc, [early]);
    await eventually(async () => {
      const { rows } = await db.query('SELECT status FROM shelter.placement_requests WHERE id = $1', [
        early.requestId,
      ]);
      expect(rows[0]?.status).toBe('withdrawn');
    });
    expect(await occupancy(facility)).toMatchObject({ held: 0 });
    // Asking again after the withdrawal (the referral service sends it only with consent given again) is served.
    const later = shelterRequest({ victimRef: ref, profile: { age } });
    await publishRequests(svc, [later]);
    expect((await admission(later.requestId)).data.facilityId).toBe(facility.id);
  });
});
