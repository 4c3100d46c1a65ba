import pg from 'pg';
import { EventTap, eventually, testEnv, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  SCENARIO_AGES,
  api,
  createFacility,
  publishRequests,
  shelterRequest,
  staffToken,
  startShelter,
  unique,
} from '../support/shelter.factory.js';

describe('placement on service.requested', () => {
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

  const requestRow = async (id: string) =>
    (await db.query('SELECT status, waitlist_reason FROM shelter.placement_requests WHERE id = $1', [id]))
      .rows[0] as { status: string; waitlist_reason: string | null } | undefined;

  it('R-6.1 places a victim only at their own shelter request; a request for another service has no effect', async () => {
    const age = SCENARIO_AGES.ignoredService;
    await createFacility(svc, { capacity: 1, accepts: { minAge: age, maxAge: age } });
    const other = shelterRequest({ service: 'medical', profile: { age } });
    const [eventId] = await publishRequests(svc, [other]);
    await eventually(async () => {
      const { rows } = await db.query('SELECT 1 FROM shelter.inbox WHERE message_id = $1', [eventId]);
      expect(rows).toHaveLength(1);
    });
    expect(await requestRow(other.requestId)).toBeUndefined();
    expect(
      tap.events.filter((e) => e.data.requestId === other.requestId && e.type.startsWith('shelter.')),
    ).toHaveLength(0);
  });

  it('R-1.3.2 sends an admission message with victimRef and the minimal profile only, and holds a bed', async () => {
    const age = SCENARIO_AGES.sexFit;
    const region = unique('region');
    const men = await createFacility(svc, {
      region,
      capacity: 1,
      accepts: { sexes: ['male'], minAge: age, maxAge: age },
    });
    const women = await createFacility(svc, {
      capacity: 1,
      accepts: { sexes: ['female'], minAge: age, maxAge: age },
    });
    const request = shelterRequest({ region, profile: { age, sex: 'female' } });
    await publishRequests(svc, [request]);
    const event = await tap.waitFor<Record<string, unknown>>(
      'shelter.admission.requested',
      (d) => d.requestId === request.requestId,
    );
    // sex decides before region: the men's shelter in the requested region is not offered.
    expect(event.data.facilityId).toBe(women.id);
    expect(event.data.facilityCode).toBe(women.code);
    expect(Object.keys(event.data).sort()).toEqual(
      [
        'caseNumber',
        'expectedArrivalAt',
        'facilityCode',
        'facilityId',
        'offerExpiresAt',
        'placementId',
        'profile',
        'requestId',
        'victimRef',
      ].sort(),
    );
    expect(Object.keys(event.data.profile as object).sort()).toEqual([
      'age',
      'ageBand',
      'child',
      'languages',
      'needs',
      'sex',
    ]);
    const occupancy = await api(
      svc,
      'GET',
      `/v1/facilities/${women.id}/occupancy`,
      await staffToken(women.code),
    );
    expect(occupancy.body).toEqual({ facilityId: women.id, capacity: 1, occupied: 0, held: 1, free: 0 });
    const menOccupancy = await api(
      svc,
      'GET',
      `/v1/facilities/${men.id}/occupancy`,
      await staffToken(men.code),
    );
    expect(menOccupancy.body.held).toBe(0);
  });

  it('R-6.6 prefers a fitting facility in the requested region', async () => {
    const age = SCENARIO_AGES.regions;
    const region = unique('region');
    await createFacility(svc, { capacity: 3, accepts: { minAge: age, maxAge: age } });
    const near = await createFacility(svc, { region, capacity: 1, accepts: { minAge: age, maxAge: age } });
    const request = shelterRequest({ region, profile: { age } });
    await publishRequests(svc, [request]);
    const event = await tap.waitFor<Record<string, unknown>>(
      'shelter.admission.requested',
      (d) => d.requestId === request.requestId,
    );
    expect(event.data.facilityId).toBe(near.id);
  });

  it('R-6.6 places a child only where children are accepted and cared for', async () => {
    const age = SCENARIO_AGES.childOnly;
    const region = unique('region');
    // Same region, fits the age, but does not take children: must not be chosen.
    await createFacility(svc, { region, capacity: 2, accepts: { children: false, minAge: 0, maxAge: age } });
    const forChildren = await createFacility(svc, {
      capacity: 1,
      accepts: { children: true, minAge: age, maxAge: age },
    });
    const child = shelterRequest({ region, profile: { age, child: true } });
    await publishRequests(svc, [child]);
    const event = await tap.waitFor<Record<string, unknown>>(
      'shelter.admission.requested',
      (d) => d.requestId === child.requestId,
    );
    expect(event.data.facilityId).toBe(forChildren.id);
  });

  it('R-6.6 sends a victim who needs accessibility only to an accessible facility', async () => {
    const age = SCENARIO_AGES.accessibility;
    const region = unique('region');
    await createFacility(svc, {
      region,
      capacity: 2,
      accessible: false,
      accepts: { minAge: age, maxAge: age },
    });
    const accessible = await createFacility(svc, {
      capacity: 1,
      accessible: true,
      accepts: { minAge: age, maxAge: age },
    });
    const request = shelterRequest({ region, profile: { age, needs: ['accessibility'] } });
    await publishRequests(svc, [request]);
    const event = await tap.waitFor<Record<string, unknown>>(
      'shelter.admission.requested',
      (d) => d.requestId === request.requestId,
    );
    expect(event.data.facilityId).toBe(accessible.id);
  });

  it('waitlists with a reason when nothing fits or no bed is free', async () => {
    const age = SCENARIO_AGES.waitlistReason;
    await createFacility(svc, { capacity: 1, accepts: { sexes: ['female'], minAge: age, maxAge: age } });
    const first = shelterRequest({ profile: { age } });
    await publishRequests(svc, [first]);
    await tap.waitFor('shelter.admission.requested', (d) => d.requestId === first.requestId);
    const second = shelterRequest({ profile: { age } });
    const man = shelterRequest({ profile: { age, sex: 'male' } });
    await publishRequests(svc, [second, man]);
    const full = await tap.waitFor<Record<string, unknown>>(
      'shelter.waitlisted',
      (d) => d.requestId === second.requestId,
    );
    expect(full.data).toMatchObject({
      reason: 'no_capacity',
      victimRef: second.victimRef,
      referringOrg: 'MIA',
    });
    expect(full.data.position).toBeGreaterThanOrEqual(1);
    const none = await tap.waitFor<Record<string, unknown>>(
      'shelter.waitlisted',
      (d) => d.requestId === man.requestId,
    );
    expect(none.data.reason).toBe('no_fitting_facility');
  });

  it('places the victim once when the same event is delivered twice, or the same request arrives in two events', async () => {
    const age = SCENARIO_AGES.duplicate;
    const facility = await createFacility(svc, { capacity: 3, accepts: { minAge: age, maxAge: age } });
    const request = shelterRequest({ profile: { age } });
    const [eventId] = await publishRequests(svc, [request]);
    await publishRequests(svc, [request], { eventId }); // redelivery of the same event
    await publishRequests(svc, [request]); // the same request republished as a new event
    await tap.waitFor('shelter.admission.requested', (d) => d.requestId === request.requestId);
    await eventually(async () => {
      const { rows } = await db.query(
        'SELECT count(*)::int AS n FROM shelter.inbox WHERE event_type = $1 AND message_id = ANY($2)',
        [
          'service.requested',
          tap.events
            .filter((e) => e.type === 'service.requested' && e.data.requestId === request.requestId)
            .map((e) => e.id),
        ],
      );
      expect(rows[0].n).toBe(2);
    });
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM shelter.placements WHERE request_id = $1',
      [request.requestId],
    );
    expect(rows[0].n).toBe(1);
    expect(
      tap.ofType('shelter.admission.requested').filter((e) => e.data.requestId === request.requestId),
    ).toHaveLength(1);
    const occupancy = await api(
      svc,
      'GET',
      `/v1/facilities/${facility.id}/occupancy`,
      await staffToken(facility.code),
    );
    expect(occupancy.body.held).toBe(1);
  });
});
