import pg from 'pg';
import { EventTap, eventually, mintToken, testEnv, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  SCENARIO_AGES,
  adminToken,
  api,
  createFacility,
  publishRequests,
  shelterRequest,
  staffToken,
  startShelter,
  unique,
} from '../support/shelter.factory.js';

describe('admission lifecycle (e2e)', () => {
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

  it('goes from a shelter request to an admission message, admission, discharge and the next waitlisted victim placed', async () => {
    const age = SCENARIO_AGES.e2e;
    const facility = await createFacility(svc, { capacity: 1, accepts: { minAge: age, maxAge: age } });
    const staff = await staffToken(facility.code);
    const first = shelterRequest({ profile: { age } });
    await publishRequests(svc, [first]);
    const offered = await admission(first.requestId);
    expect(offered.data).toMatchObject({
      facilityId: facility.id,
      facilityCode: facility.code,
      victimRef: first.victimRef,
      caseNumber: first.caseNumber,
    });
    expect(offered.correlationId).toBeDefined();

    const second = shelterRequest({ profile: { age } });
    await publishRequests(svc, [second]);
    await tap.waitFor('shelter.waitlisted', (d) => d.requestId === second.requestId);

    const placementId = offered.data.placementId as string;
    const admitted = await api(svc, 'POST', `/v1/placements/${placementId}/admit`, staff);
    expect(admitted.status).toBe(200);
    expect(admitted.body).toMatchObject({
      id: placementId,
      status: 'admitted',
      facilityId: facility.id,
      victimRef: first.victimRef,
    });
    await tap.waitFor('shelter.admitted', (d) => d.placementId === placementId);
    expect(await occupancy(facility)).toEqual({
      facilityId: facility.id,
      capacity: 1,
      occupied: 1,
      held: 0,
      free: 0,
    });

    const discharged = await api(svc, 'POST', `/v1/placements/${placementId}/discharge`, staff);
    expect(discharged.status).toBe(200);
    expect(discharged.body.status).toBe('discharged');
    await tap.waitFor('shelter.discharged', (d) => d.placementId === placementId);

    const next = await admission(second.requestId);
    expect(next.data.facilityId).toBe(facility.id);
    const admittedNext = await api(
      svc,
      'POST',
      `/v1/placements/${next.data.placementId as string}/admit`,
      staff,
    );
    expect(admittedNext.status).toBe(200);
    expect(await occupancy(facility)).toMatchObject({ occupied: 1, held: 0, free: 0 });
  });

  it('lets only the staff of that facility decide, and refuses illegal transitions', async () => {
    const age = SCENARIO_AGES.staffOnly;
    const facility = await createFacility(svc, { capacity: 2, accepts: { minAge: age, maxAge: age } });
    const other = await createFacility(svc, { capacity: 0 });
    const request = shelterRequest({ profile: { age } });
    await publishRequests(svc, [request]);
    const id = (await admission(request.requestId)).data.placementId as string;

    const otherStaff = await api(svc, 'POST', `/v1/placements/${id}/admit`, await staffToken(other.code));
    expect(otherStaff.status).toBe(403);
    expect(otherStaff.headers.get('content-type')).toContain('application/problem+json');
    expect(otherStaff.body.type).toBe('forbidden');
    expect((await api(svc, 'POST', `/v1/placements/${id}/admit`, await adminToken())).status).toBe(403);
    expect((await api(svc, 'POST', `/v1/placements/${id}/admit`, undefined)).status).toBe(401);
    expect((await api(svc, 'GET', `/v1/placements/${id}`, await staffToken(other.code))).status).toBe(403);

    const staff = await staffToken(facility.code);
    const early = await api(svc, 'POST', `/v1/placements/${id}/discharge`, staff);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('illegal-transition');
    expect((await api(svc, 'POST', `/v1/placements/${id}/admit`, staff)).status).toBe(200);
    const twice = await api(svc, 'POST', `/v1/placements/${id}/admit`, staff);
    expect(twice.status).toBe(409);
    const badDecline = await api(svc, 'POST', `/v1/placements/${id}/decline`, staff, {
      reason: 'because',
      note: 'x',
    });
    expect(badDecline.status).toBe(400);
    expect(badDecline.body.type).toBe('validation-failed');
    expect((await api(svc, 'POST', `/v1/placements/not-a-uuid/admit`, staff)).status).toBe(400);
    expect((await api(svc, 'POST', `/v1/placements/${crypto.randomUUID()}/admit`, staff)).status).toBe(404);

    // Listing: staff see their own facility's placements; admin filters by victim.
    const own = await api(svc, 'GET', `/v1/placements?status=admitted`, staff);
    expect(own.status).toBe(200);
    expect(own.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(own.body.items.every((p: { facilityId: string }) => p.facilityId === facility.id)).toBe(true);
    expect(
      (await api(svc, 'GET', `/v1/placements?facilityId=${facility.id}`, await staffToken(other.code)))
        .status,
    ).toBe(403);
    const byVictim = await api(
      svc,
      'GET',
      `/v1/placements?victimRef=${request.victimRef}`,
      await adminToken(),
    );
    expect(byVictim.body.items).toEqual([
      expect.objectContaining({ id, victimRef: request.victimRef, status: 'admitted' }),
    ]);
    expect(
      (await api(svc, 'GET', '/v1/placements', await mintToken({ role: 'agency_officer', org: 'MIA' })))
        .status,
    ).toBe(403);
  });

  it('R-6.5 offers the victim the next fitting facility after a decline, then waitlists when every fitting one declined', async () => {
    const age = SCENARIO_AGES.declineNext;
    const region = unique('region');
    const first = await createFacility(svc, { region, capacity: 1, accepts: { minAge: age, maxAge: age } });
    const second = await createFacility(svc, { capacity: 1, accepts: { minAge: age, maxAge: age } });
    const request = shelterRequest({ region, profile: { age } });
    await publishRequests(svc, [request]);
    const offer1 = await admission(request.requestId);
    expect(offer1.data.facilityId).toBe(first.id);

    const declined = await api(
      svc,
      'POST',
      `/v1/placements/${offer1.data.placementId as string}/decline`,
      await staffToken(first.code),
      { reason: 'victim_declined' },
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'victim_declined' });
    await tap.waitFor(
      'shelter.declined',
      (d) => d.placementId === offer1.data.placementId && d.reason === 'victim_declined',
    );
    const offer2 = await tap.waitFor<Record<string, unknown>>(
      'shelter.admission.requested',
      (d) => d.requestId === request.requestId && d.facilityId === second.id,
    );
    expect(await occupancy(first)).toMatchObject({ held: 0, free: 1 });

    await api(
      svc,
      'POST',
      `/v1/placements/${offer2.data.placementId as string}/decline`,
      await staffToken(second.code),
      { reason: 'safety' },
    );
    const waiting = await tap.waitFor<Record<string, unknown>>(
      'shelter.waitlisted',
      (d) => d.requestId === request.requestId,
    );
    expect(waiting.data.reason).toBe('declined_everywhere');
  });

  it('releases an offer not admitted in time and offers the bed elsewhere', async () => {
    const age = SCENARIO_AGES.expiry;
    const region = unique('region');
    const slow = await createFacility(svc, { region, capacity: 1, accepts: { minAge: age, maxAge: age } });
    const other = await createFacility(svc, { capacity: 1, accepts: { minAge: age, maxAge: age } });
    const request = shelterRequest({ region, profile: { age } });
    await publishRequests(svc, [request]);
    const offer = await admission(request.requestId);
    expect(offer.data.facilityId).toBe(slow.id);
    expect(
      Date.parse(offer.data.offerExpiresAt as string) - Date.parse(offer.data.expectedArrivalAt as string),
    ).toBeGreaterThanOrEqual(0);
    // Let the offer's time run out (OFFER_TTL_MINUTES is hours in production).
    await db.query(
      `UPDATE shelter.placements SET offer_expires_at = now() - interval '1 second' WHERE id = $1`,
      [offer.data.placementId],
    );

    await tap.waitFor(
      'shelter.declined',
      (d) => d.placementId === offer.data.placementId && d.reason === 'expired',
    );
    await tap.waitFor(
      'shelter.admission.requested',
      (d) => d.requestId === request.requestId && d.facilityId === other.id,
    );
    expect(await occupancy(slow)).toMatchObject({ held: 0, free: 1 });
    const late = await api(
      svc,
      'POST',
      `/v1/placements/${offer.data.placementId as string}/admit`,
      await staffToken(slow.code),
    );
    expect(late.status).toBe(409);
  });

  it('R-6.6 serves the waiting list children first when a bed is freed', async () => {
    const { child: childAge, adult: adultAge } = SCENARIO_AGES.children;
    const facility = await createFacility(svc, {
      capacity: 1,
      accepts: { children: true, minAge: childAge, maxAge: adultAge },
    });
    const staff = await staffToken(facility.code);
    const resident = shelterRequest({ profile: { age: adultAge } });
    await publishRequests(svc, [resident]);
    const residentOffer = await admission(resident.requestId);
    await api(svc, 'POST', `/v1/placements/${residentOffer.data.placementId as string}/admit`, staff);

    const adult = shelterRequest({ profile: { age: adultAge } });
    await publishRequests(svc, [adult]);
    await tap.waitFor('shelter.waitlisted', (d) => d.requestId === adult.requestId);
    const child = shelterRequest({ profile: { age: childAge, child: true } });
    await publishRequests(svc, [child]);
    const childWait = await tap.waitFor<Record<string, unknown>>(
      'shelter.waitlisted',
      (d) => d.requestId === child.requestId,
    );
    expect(childWait.data.position).toBeGreaterThanOrEqual(1);

    // The waiting list shows the child ahead of the adult who asked earlier.
    const list = await api(svc, 'GET', '/v1/waiting-list?limit=500', await adminToken());
    expect(list.status).toBe(200);
    const order = list.body.items.map((e: { requestId: string }) => e.requestId);
    expect(order.indexOf(child.requestId)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(child.requestId)).toBeLessThan(order.indexOf(adult.requestId));
    expect((await api(svc, 'GET', '/v1/waiting-list', staff)).status).toBe(403);
    await api(svc, 'POST', `/v1/placements/${residentOffer.data.placementId as string}/discharge`, staff);
    const next = await admission(child.requestId);
    expect(next.data.facilityId).toBe(facility.id);
    await eventually(async () => {
      const { rows } = await db.query('SELECT status FROM shelter.placement_requests WHERE id = $1', [
        adult.requestId,
      ]);
      expect(rows[0].status).toBe('waitlisted');
    });
  });
});
