import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildEnvelope, VictimConsentChanged, type ConsentPurpose, type Envelope } from '#shared';
import { deliverEvents, eventually, testEnv, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  SCENARIO_AGES,
  api,
  createFacility,
  publishRequests,
  shelterRequest,
  staffToken,
  startShelter,
  victimRef as newVictimRef,
} from '../support/shelter.factory.js';

/**
 * Consent decisions in event order: `victim.consent.changed` events reach the shelter service
 * out of order when one is retried. Only the decision in force (the latest recorded) may have effects.
 */
describe('consent side effects under out-of-order events', () => {
  let svc: TestService<ShelterConfig>;
  let db: pg.Client;

  beforeAll(async () => {
    svc = await startShelter();
    db = new pg.Client({ connectionString: testEnv().adminDatabaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await svc?.close();
  });

  const consent = (victimRef: string, purpose: ConsentPurpose, granted: boolean, msAgo: number) =>
    buildEnvelope(
      'referral',
      VictimConsentChanged,
      { victimRef, purpose, granted, recordedAt: new Date(Date.now() - msAgo).toISOString() },
      { aggregateId: victimRef },
    );
  const handled = (...events: Envelope<object>[]) =>
    eventually(async () => {
      const { rows } = await db.query('SELECT 1 FROM shelter.inbox WHERE message_id = ANY($1::uuid[])', [
        events.map((e) => e.id),
      ]);
      expect(rows).toHaveLength(events.length);
    });
  const requestStatus = async (requestId: string) =>
    (await db.query('SELECT status FROM shelter.placement_requests WHERE id = $1', [requestId])).rows[0]
      ?.status as string | undefined;
  const view = async (victimRef: string, purpose: string) =>
    (
      await db.query(
        'SELECT granted, event_id AS "eventId" FROM shelter.victim_consents WHERE victim_ref = $1 AND purpose = $2',
        [victimRef, purpose],
      )
    ).rows;

  it('R-6.5 a late, older withdrawal (retried) does not end the shelter request made under the consent given since', async () => {
    const age = SCENARIO_AGES.lateWithdrawal;
    await createFacility(svc, { capacity: 1, accepts: { minAge: age, maxAge: age } });
    const ref = newVictimRef();
    const withdrawn = consent(ref, 'shelter_placement', false, 60_000);
    const givenAgain = consent(ref, 'shelter_placement', true, 30_000);
    await deliverEvents(testEnv().amqpUrl, [{ envelope: givenAgain }]);
    await handled(givenAgain);
    const request = shelterRequest({ victimRef: ref, profile: { age } });
    await publishRequests(svc, [request]);
    await eventually(async () => expect(await requestStatus(request.requestId)).toBe('offered'));

    // The older withdrawal comes back from a retry queue after all of that.
    await deliverEvents(testEnv().amqpUrl, [{ envelope: withdrawn, retryOf: 'shelter.events' }]);
    await handled(givenAgain, withdrawn);
    expect(await requestStatus(request.requestId)).toBe('offered');
    const { rows } = await db.query(`SELECT status FROM shelter.placements WHERE request_id = $1`, [
      request.requestId,
    ]);
    expect(rows).toEqual([{ status: 'offered' }]);
    expect(await view(ref, 'shelter_placement')).toEqual([{ granted: true, eventId: givenAgain.id }]);
  });

  it('R-6.5 a late, older consent does not restore the consent the victim withdrew since: no plan is made', async () => {
    const centre = await createFacility(svc, { kind: 'assistance_centre', capacity: 0 });
    const ref = newVictimRef();
    const given = consent(ref, 'rehabilitation', true, 60_000);
    const withdrawn = consent(ref, 'rehabilitation', false, 30_000);
    await deliverEvents(testEnv().amqpUrl, [{ envelope: withdrawn }]);
    await handled(withdrawn);
    await deliverEvents(testEnv().amqpUrl, [{ envelope: given }]);
    await handled(withdrawn, given);
    expect(await view(ref, 'rehabilitation')).toEqual([{ granted: false, eventId: withdrawn.id }]);
    const plan = await api(svc, 'POST', '/v1/plans', await staffToken(centre.code), {
      victimRef: ref,
      reviewDueOn: '2027-01-15',
      items: [],
    });
    expect(plan.status).toBe(409);
    expect(plan.body.type).toBe('consent-required');
  });

  it('R-6.5 orders two decisions recorded at the same moment by event id, whatever order they arrive in', async () => {
    const at = new Date(Date.now() - 10_000).toISOString();
    const decide = (victimRef: string, granted: boolean, id: string): Envelope<object> => ({
      ...buildEnvelope(
        'referral',
        VictimConsentChanged,
        { victimRef, purpose: 'legal_aid', granted, recordedAt: at },
        { aggregateId: victimRef },
      ),
      id,
    });
    const [low, high, low2, high2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const [aLow, aHigh] = [low, high].sort();
    const [bLow, bHigh] = [low2, high2].sort();
    const a = newVictimRef();
    const b = newVictimRef();
    const events = [
      decide(a, true, aLow),
      decide(a, false, aHigh),
      decide(b, false, bHigh),
      decide(b, true, bLow),
    ];
    await deliverEvents(
      testEnv().amqpUrl,
      events.map((envelope) => ({ envelope })),
    );
    await handled(...events);
    expect(await view(a, 'legal_aid')).toEqual([{ granted: false, eventId: aHigh }]);
    expect(await view(b, 'legal_aid')).toEqual([{ granted: false, eventId: bHigh }]);
  });
});
