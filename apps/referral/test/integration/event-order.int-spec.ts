import { randomUUID } from 'node:crypto';
import {
  buildEnvelope,
  ShelterAdmissionRequested,
  ShelterDeclined,
  ShelterDischarged,
  type Envelope,
} from '#shared';
import { deliverEvents, eventually, testEnv } from '#shared/testing';
import { DataSource } from 'typeorm';
import { auth, get, report, startReferral, type ReferralService } from '../support/referral-service.js';

/**
 * Facility access in event order: the shelter's events about one placement reach the referral
 * service out of order when one of them is retried. The later event must win, whichever comes first.
 */
describe('facility access under out-of-order events', () => {
  let svc: ReferralService;
  beforeAll(async () => {
    svc = await startReferral();
  });
  afterAll(() => svc?.close());

  const at = (msAgo: number) => new Date(Date.now() - msAgo);
  const placementOf = (victimRef: string, caseNumber: string, facilityCode: string, placementId: string) => ({
    placementId,
    facilityId: randomUUID(),
    facilityCode,
    victimRef,
    caseNumber,
  });
  const grant = (p: ReturnType<typeof placementOf>, occurredAt: Date, id?: string) =>
    withId(
      buildEnvelope(
        'shelter',
        ShelterAdmissionRequested,
        {
          ...p,
          requestId: randomUUID(),
          profile: { sex: 'female', ageBand: '18-24', age: 22, child: false, languages: ['az'], needs: [] },
          expectedArrivalAt: occurredAt.toISOString(),
          offerExpiresAt: new Date(occurredAt.getTime() + 3_600_000).toISOString(),
        },
        { aggregateId: p.placementId, occurredAt },
      ),
      id,
    );
  const discharge = (p: ReturnType<typeof placementOf>, occurredAt: Date, id?: string) =>
    withId(
      buildEnvelope(
        'shelter',
        ShelterDischarged,
        { ...p, at: occurredAt.toISOString() },
        { aggregateId: p.placementId, occurredAt },
      ),
      id,
    );
  const decline = (p: ReturnType<typeof placementOf>, occurredAt: Date) =>
    buildEnvelope(
      'shelter',
      ShelterDeclined,
      { ...p, at: occurredAt.toISOString(), reason: 'no_capacity' },
      { aggregateId: p.placementId, occurredAt },
    );
  function withId<T extends object>(e: Envelope<T>, id?: string): Envelope<T> {
    return id ? { ...e, id, correlationId: id, causationId: id } : e;
  }

  /** Waits until the service has handled (committed) every given event. */
  const handled = (...events: Envelope<object>[]) =>
    eventually(async () => {
      const rows: unknown[] = await svc.app
        .get(DataSource)
        .query(`SELECT 1 FROM "referral".inbox WHERE message_id = ANY($1::uuid[])`, [
          events.map((e) => e.id),
        ]);
      expect(rows).toHaveLength(events.length);
    });
  const mayRead = async (victimRef: string, facilityCode: string) =>
    (
      await get(
        svc,
        `/v1/victims/${victimRef}?purpose=shelter_admission`,
        await auth('facility_staff', facilityCode, 'staff-1'),
      )
    ).status;
  const scenario = async () => {
    const referral = await report(svc, 'MOH');
    const facilityCode = `SH-${randomUUID().slice(0, 8).toUpperCase()}`;
    return {
      victimRef: referral.victimRef as string,
      facilityCode,
      placement: (id = randomUUID()) =>
        placementOf(referral.victimRef, referral.caseNumber, facilityCode, id),
    };
  };
  const queue = 'referral.events';

  it('R-3.5 a late, older grant (retried) does not re-open the access a newer discharge ended', async () => {
    const s = await scenario();
    const p = s.placement();
    const granted = grant(p, at(60_000));
    const discharged = discharge(p, at(1_000));
    // The discharge first; then the grant, once as published and once more as a retried redelivery.
    await deliverEvents(testEnv().amqpUrl, [{ envelope: discharged }]);
    await handled(discharged);
    await deliverEvents(testEnv().amqpUrl, [{ envelope: granted, retryOf: queue }]);
    await handled(discharged, granted);
    expect(await mayRead(s.victimRef, s.facilityCode)).toBe(403);
    const rows: { active: boolean; eventId: string }[] = await svc.app
      .get(DataSource)
      .query(
        `SELECT active, event_id AS "eventId" FROM "referral".facility_access WHERE victim_ref = $1 AND facility_code = $2`,
        [s.victimRef, s.facilityCode],
      );
    expect(rows).toEqual([{ active: false, eventId: discharged.id }]);
  });

  it('R-3.5 a late, older decline (retried) does not end the access a newer grant gave', async () => {
    const s = await scenario();
    const p = s.placement();
    const declined = decline(p, at(60_000));
    const granted = grant(p, at(1_000));
    await deliverEvents(testEnv().amqpUrl, [{ envelope: granted }]);
    await handled(granted);
    expect(await mayRead(s.victimRef, s.facilityCode)).toBe(200);
    await deliverEvents(testEnv().amqpUrl, [{ envelope: declined, retryOf: queue }]);
    await handled(granted, declined);
    expect(await mayRead(s.victimRef, s.facilityCode)).toBe(200);
  });

  it('R-3.5 the end of one placement does not end the access another placement at the same facility gave', async () => {
    const s = await scenario();
    const first = s.placement();
    const second = s.placement();
    const events = [grant(first, at(90_000)), grant(second, at(30_000)), discharge(first, at(1_000))];
    // The second placement's grant comes last (its first attempt failed).
    await deliverEvents(testEnv().amqpUrl, [{ envelope: events[0] }, { envelope: events[2] }]);
    await handled(events[0], events[2]);
    expect(await mayRead(s.victimRef, s.facilityCode)).toBe(403);
    await deliverEvents(testEnv().amqpUrl, [{ envelope: events[1], retryOf: queue }]);
    await handled(...events);
    expect(await mayRead(s.victimRef, s.facilityCode)).toBe(200);
  });

  it('R-3.5 orders two events of the same time by event id, whatever order they arrive in', async () => {
    const same = at(5_000);
    const ids = () => [randomUUID(), randomUUID()].sort();
    // Grant (higher id) and discharge (lower id) at the same moment, delivered in both orders: granted.
    const a = await scenario();
    const pa = a.placement();
    const b = await scenario();
    const pb = b.placement();
    const [aLow, aHigh] = ids();
    const [bLow, bHigh] = ids();
    const aEvents = [discharge(pa, same, aLow), grant(pa, same, aHigh)];
    const bEvents = [grant(pb, same, bHigh), discharge(pb, same, bLow)];
    await deliverEvents(
      testEnv().amqpUrl,
      [...aEvents, ...bEvents].map((envelope) => ({ envelope })),
    );
    await handled(...aEvents, ...bEvents);
    expect(await mayRead(a.victimRef, a.facilityCode)).toBe(200);
    expect(await mayRead(b.victimRef, b.facilityCode)).toBe(200);
  });
});
