import { EventTap, testEnv } from '#shared/testing';
import {
  auth,
  get,
  post,
  report,
  startReferral,
  tokens,
  uniqueName,
  type Json,
  type ReferralService,
} from '../support/referral-service.js';

/** Service requests addressed to the body that provides them, and their answers. */
describe('service requests and their providers', () => {
  let svc: ReferralService;
  let tap: EventTap;
  const provider = (org: string, sub = `${org.toLowerCase()}-staff-1`) => auth('service_provider', org, sub);
  beforeAll(async () => {
    tap = await EventTap.open(testEnv().amqpUrl);
    svc = await startReferral();
  });
  afterAll(async () => {
    await svc?.close();
    await tap?.close();
  });

  /** A referral whose victim consented to `purpose` (recorded by a guardian: the default person is a child). */
  const withConsent = async (purpose: string, org = 'MOH') => {
    const referral = await report(svc, org);
    const res = await post(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty(), {
      purpose,
      granted: true,
      givenBy: 'guardian',
    });
    if (res.status !== 201) throw new Error(`consent: ${res.status} ${JSON.stringify(res.body)}`);
    return referral;
  };
  const requestService = async (victimRef: string, body: Json) =>
    post(svc, `/v1/victims/${victimRef}/service-requests`, await tokens.duty(), body);

  it('R-3.3 addresses a medical request to the Ministry of Health, whose staff accept and complete it; no one else may answer', async () => {
    const referral = await withConsent('medical_examination');
    const created = await requestService(referral.victimRef, { service: 'medical' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ providerOrg: 'MOH', status: 'requested' });
    const requested = await tap.waitFor<Json>('service.requested', (d) => d.requestId === created.body.id);
    expect(requested.data).toMatchObject({ providerOrg: 'MOH', service: 'medical', referralRegion: 'Baku' });

    const id = created.body.id as string;
    // Staff of another body, or an agency officer, cannot answer a request addressed to MOH.
    expect(
      (await post(svc, `/v1/service-requests/${id}/accept`, await provider('NGO-CARE'), {})).status,
    ).toBe(404);
    expect(
      (await post(svc, `/v1/service-requests/${id}/accept`, await tokens.agency('MOH'), {})).status,
    ).toBe(403);
    expect((await post(svc, `/v1/service-requests/${id}/complete`, await provider('MOH'), {})).status).toBe(
      409,
    );

    const accepted = await post(svc, `/v1/service-requests/${id}/accept`, await provider('MOH'), {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const acceptedEvent = await tap.waitFor<Json>('service.request.accepted', (d) => d.requestId === id);
    expect(acceptedEvent.data).toMatchObject({
      providerOrg: 'MOH',
      referringOrg: 'MOH',
      victimRef: referral.victimRef,
    });

    const completed = await post(svc, `/v1/service-requests/${id}/complete`, await provider('MOH'), {});
    expect(completed.body).toMatchObject({ status: 'completed', outcome: 'provided' });
    await tap.waitFor<Json>('service.request.completed', (d) => d.requestId === id);
    expect((await post(svc, `/v1/service-requests/${id}/accept`, await provider('MOH'), {})).status).toBe(
      409,
    );
  });

  it('R-3.3 lets a medical request name another registered provider, never an unknown one', async () => {
    const referral = await withConsent('medical_examination');
    const unknown = await requestService(referral.victimRef, { service: 'medical', providerOrg: 'NOBODY-1' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toBe('provider-not-allowed');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'providerOrg' })]);
    const named = await requestService(referral.victimRef, { service: 'medical', providerOrg: 'MLSPP' });
    expect(named.status).toBe(201);
    expect(named.body.providerOrg).toBe('MLSPP');
  });

  it('R-3.3 refuses a provider taking a request on after the victim withdrew consent (409 consent-required)', async () => {
    const referral = await withConsent('medical_examination');
    const created = await requestService(referral.victimRef, { service: 'medical' });
    await post(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty(), {
      purpose: 'medical_examination',
      granted: false,
      givenBy: 'guardian',
    });
    const res = await post(svc, `/v1/service-requests/${created.body.id}/accept`, await provider('MOH'), {});
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('consent-required');
    expect((await get(svc, `/v1/service-requests/${created.body.id}`, await tokens.duty())).body.status).toBe(
      'requested',
    );
  });

  it('R-3.1 addresses legal aid only to a named provider of the legal-aid directory', async () => {
    const orgCode = `LAW-${uniqueName('').toUpperCase()}`;
    const dir = await post(svc, '/v1/legal-aid-providers', await tokens.admin(), {
      name: 'Legal clinic',
      region: 'Baku',
      languages: ['az'],
      orgCode,
    });
    expect(dir.status).toBe(201);
    const referral = await withConsent('legal_aid');
    const missing = await requestService(referral.victimRef, { service: 'legal_aid' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'providerOrg' })]);
    const notInDirectory = await requestService(referral.victimRef, {
      service: 'legal_aid',
      providerOrg: 'MOJ',
    });
    expect(notInDirectory.status).toBe(422);
    const ok = await requestService(referral.victimRef, { service: 'legal_aid', providerOrg: orgCode });
    expect(ok.status).toBe(201);
    await tap.waitFor<Json>(
      'service.requested',
      (d) => d.requestId === ok.body.id && d.providerOrg === orgCode,
    );
    expect(
      (await post(svc, `/v1/service-requests/${ok.body.id}/accept`, await provider(orgCode), {})).status,
    ).toBe(200);
  });

  it('R-3.4 addresses psychological aid to a named centre; a declined request is re-addressed to another', async () => {
    const referral = await withConsent('psychological_aid');
    const missing = await requestService(referral.victimRef, { service: 'psychological' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'providerOrg' })]);
    const created = await requestService(referral.victimRef, {
      service: 'psychological',
      providerOrg: 'AC-GANJA-1',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Staff of an assistance centre sign in with the facility code as their org.
    const centre = await auth('facility_staff', 'AC-GANJA-1', 'ac-staff-1');
    expect(
      (
        await post(svc, `/v1/service-requests/${id}/readdress`, await tokens.duty(), {
          providerOrg: 'AC-BAKU-2',
        })
      ).status,
    ).toBe(409);
    const declined = await post(svc, `/v1/service-requests/${id}/decline`, centre, { reason: 'no_capacity' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'no_capacity' });
    await tap.waitFor<Json>(
      'service.request.declined',
      (d) => d.requestId === id && d.reason === 'no_capacity',
    );

    const same = await post(svc, `/v1/service-requests/${id}/readdress`, await tokens.duty(), {
      providerOrg: 'AC-GANJA-1',
    });
    expect(same.status).toBe(422);
    const readdressed = await post(svc, `/v1/service-requests/${id}/readdress`, await tokens.agency('MOH'), {
      providerOrg: 'AC-BAKU-2',
    });
    expect(readdressed.status).toBe(200);
    expect(readdressed.body).toMatchObject({
      status: 'requested',
      providerOrg: 'AC-BAKU-2',
      previousProviders: ['AC-GANJA-1'],
    });
    await tap.waitFor<Json>('service.requested', (d) => d.requestId === id && d.providerOrg === 'AC-BAKU-2');
    // The centre that declined no longer sees or answers it; the new one does.
    expect((await post(svc, `/v1/service-requests/${id}/accept`, centre, {})).status).toBe(404);
    expect(
      (await post(svc, `/v1/service-requests/${id}/accept`, await provider('AC-BAKU-2'), {})).status,
    ).toBe(200);
  });

  it('R-3.4 shows each request to the duty officer, the reporting agency (its own) and the provider (its own)', async () => {
    const referral = await withConsent('psychological_aid', 'MLSPP');
    const org = `AC-${uniqueName('').toUpperCase()}`;
    const created = await requestService(referral.victimRef, { service: 'psychological', providerOrg: org });
    const query = `/v1/service-requests?victimRef=${referral.victimRef}`;
    const ids = async (headers: Record<string, string>, q = query) =>
      ((await get(svc, q, headers)).body.items as Json[] | undefined)?.map((i) => i.id);
    expect(await ids(await tokens.duty())).toEqual([created.body.id]);
    expect(await ids(await tokens.agency('MLSPP'))).toEqual([created.body.id]);
    expect(await ids(await tokens.agency('MOH'))).toEqual([]);
    expect(await ids(await provider(org))).toEqual([created.body.id]);
    expect(await ids(await provider('MOH'))).toEqual([]);
    expect(
      await ids(await provider(org), `/v1/service-requests?providerOrg=${org}&status=requested`),
    ).toEqual([created.body.id]);
    expect((await get(svc, `/v1/service-requests?providerOrg=MOH`, await provider(org))).status).toBe(403);
    expect((await get(svc, `/v1/service-requests?status=bogus`, await tokens.duty())).status).toBe(400);
    expect((await get(svc, `/v1/service-requests`, await tokens.coordinator())).status).toBe(403);
  });
});
