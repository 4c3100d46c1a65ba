import { EventTap, testEnv } from '#shared/testing';
import {
  get,
  post,
  report,
  startReferral,
  tokens,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

describe("foreign victims' return (R-1.2)", () => {
  let svc: ReferralService;
  let tap: EventTap;
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl);
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  const foreigner = () =>
    report(svc, 'MOH', {}, { citizenship: 'UZ', dateOfBirth: '1995-04-02', languages: ['uz'] });

  it('R-1.2 opens a return case only for a foreign victim, and only the special police unit', async () => {
    const citizen = await report(svc, 'MOH', {}, { citizenship: 'AZ' });
    const refused = await post(svc, `/v1/victims/${citizen.victimRef}/return`, await tokens.duty(), {
      wish: 'return',
      destinationCountry: 'UZ',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('not-a-foreign-victim');
    const victim = await foreigner();
    const url = `/v1/victims/${victim.victimRef}/return`;
    expect(
      (await post(svc, url, await tokens.agency('MOH'), { wish: 'return', destinationCountry: 'UZ' })).status,
    ).toBe(403);
    expect(
      (await post(svc, url, await tokens.duty(), { wish: 'maybe', destinationCountry: 'UZ' })).status,
    ).toBe(400);
    expect(
      (await post(svc, url, await tokens.duty(), { wish: 'return', destinationCountry: 'AZ' })).status,
    ).toBe(400);
    expect((await get(svc, url, await tokens.duty())).status).toBe(404);
  });

  it("R-1.2 does nothing towards a return against the victim's wish, then follows it to the end once they wish it", async () => {
    const victim = await foreigner();
    const url = `/v1/victims/${victim.victimRef}/return`;
    const stay = await post(svc, url, await tokens.duty(), { wish: 'stay', destinationCountry: 'UZ' });
    expect(stay.status).toBe(200);
    expect(stay.body).toMatchObject({
      wish: 'stay',
      status: 'requested',
      documentsNeeded: ['travel_document'],
    });
    const moved = await post(svc, `${url}/transitions`, await tokens.duty(), { status: 'documents_ready' });
    expect(moved.status).toBe(409);
    expect(moved.body.type).toBe('against-victims-wish');

    const wished = await post(svc, url, await tokens.duty(), {
      wish: 'return',
      destinationCountry: 'UZ',
      documentsNeeded: ['passport'],
    });
    expect(wished.body).toMatchObject({ wish: 'return', status: 'requested' });
    const first = await tap.waitFor<Json>('victim.return.changed', (d) => d.victimRef === victim.victimRef);
    expect(first.data).toMatchObject({ status: 'requested', wish: 'return', destinationCountry: 'UZ' });
    // MFA and SMS never heard of the case while the victim wished to stay (events are published in order).
    expect(
      tap.events.filter((e) => e.type === 'victim.return.changed' && e.data.victimRef === victim.victimRef),
    ).toEqual([expect.objectContaining({ id: first.id })]);

    for (const status of ['documents_ready', 'travel_arranged', 'returned']) {
      const res = await post(svc, `${url}/transitions`, await tokens.duty(), { status });
      expect(res.status).toBe(200);
      await tap.waitFor<Json>(
        'victim.return.changed',
        (d) => d.victimRef === victim.victimRef && d.status === status,
      );
    }
    expect((await post(svc, `${url}/transitions`, await tokens.duty(), { status: 'cancelled' })).status).toBe(
      409,
    );
    expect((await get(svc, url, await tokens.duty())).body.status).toBe('returned');
  });

  it('R-1.2 stops a return under way when the victim no longer wishes it', async () => {
    const victim = await foreigner();
    const url = `/v1/victims/${victim.victimRef}/return`;
    await post(svc, url, await tokens.duty(), { wish: 'return', destinationCountry: 'KG' });
    expect(
      (await post(svc, `${url}/transitions`, await tokens.duty(), { status: 'documents_ready' })).status,
    ).toBe(200);
    const changed = await post(svc, url, await tokens.duty(), {
      wish: 'undecided',
      destinationCountry: 'KG',
    });
    expect(changed.body).toMatchObject({ wish: 'undecided', status: 'cancelled' });
    await tap.waitFor<Json>(
      'victim.return.changed',
      (d) => d.victimRef === victim.victimRef && d.status === 'cancelled',
    );
  });
});
