import { EventTap, eventually, testEnv, type TestService } from '#shared/testing';
import pg from 'pg';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  SCENARIO_AGES,
  createFacility,
  publishRequests,
  publishSafety,
  shelterRequest,
  startShelter,
  unique,
} from '../support/shelter.factory.js';

describe("placement and the victim's safety (R-5)", () => {
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

  it('R-5 does not place a high-risk victim in the region of the exploitation while another fitting facility exists', async () => {
    const age = SCENARIO_AGES.safety;
    const exploited = unique('region');
    const accepts = { minAge: age, maxAge: age };
    const near = await createFacility(svc, { region: exploited, capacity: 2, accepts });
    const far = await createFacility(svc, { capacity: 1, accepts });

    const first = shelterRequest({ region: exploited, referralRegion: exploited, profile: { age } });
    await publishSafety(svc, first.victimRef, 'high');
    await publishRequests(svc, [first]);
    const placed = await tap.waitFor<Record<string, unknown>>(
      'shelter.admission.requested',
      (d) => d.requestId === first.requestId,
    );
    // Without the rule, the requested region would win (it is preferred).
    expect(placed.data.facilityId).toBe(far.id);

    // The far facility is now full: the next high-risk victim waits rather than being placed near the traffickers.
    const second = shelterRequest({ region: exploited, referralRegion: exploited, profile: { age } });
    await publishSafety(svc, second.victimRef, 'high');
    await publishRequests(svc, [second]);
    await tap.waitFor('shelter.waitlisted', (d: { requestId?: string }) => d.requestId === second.requestId);

    // A low-risk victim from the same region is placed there as usual.
    const third = shelterRequest({ region: exploited, referralRegion: exploited, profile: { age } });
    await publishSafety(svc, third.victimRef, 'low');
    await publishRequests(svc, [third]);
    const local = await tap.waitFor<Record<string, unknown>>(
      'shelter.admission.requested',
      (d) => d.requestId === third.requestId,
    );
    expect(local.data.facilityId).toBe(near.id);
    await eventually(async () => {
      const { rows } = await db.query(`SELECT status FROM shelter.placement_requests WHERE id = $1`, [
        second.requestId,
      ]);
      expect(rows[0].status).toBe('waitlisted');
    });
  });
});
