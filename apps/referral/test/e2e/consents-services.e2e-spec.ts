import pg from 'pg';
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

describe('consent, rights information and service requests', () => {
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

  const consent = async (
    victimRef: string,
    purpose: string,
    granted: boolean,
    headers?: Record<string, string>,
    // The default person of the factory is a child: a guardian consents for them.
    givenBy = 'guardian',
  ) =>
    post(svc, `/v1/victims/${victimRef}/consents`, headers ?? (await tokens.duty()), {
      purpose,
      granted,
      givenBy,
    });
  // Each service addressed to a body that provides it.
  const legalAidOrg = `LAW-${uniqueName('').toUpperCase()}`;
  const PROVIDER_FOR: Record<string, string | undefined> = {
    shelter: undefined,
    medical: undefined,
    psychological: 'AC-PSY-1',
    legal_aid: legalAidOrg,
    rehabilitation: 'AC-REHAB-1',
  };
  beforeAll(async () => {
    const res = await post(svc, '/v1/legal-aid-providers', await tokens.admin(), {
      name: 'Free legal aid clinic',
      region: 'Baku',
      languages: ['az'],
      orgCode: legalAidOrg,
    });
    if (res.status !== 201) throw new Error(`provider: ${res.status} ${JSON.stringify(res.body)}`);
  });
  const requestService = async (victimRef: string, service: string, headers?: Record<string, string>) =>
    post(svc, `/v1/victims/${victimRef}/service-requests`, headers ?? (await tokens.duty()), {
      service,
      ...(PROVIDER_FOR[service] ? { providerOrg: PROVIDER_FOR[service] } : {}),
    });

  it('R-3.3 refuses a medical request without medical_examination consent (409 consent-required) and accepts it with consent', async () => {
    const referral = await report(svc, 'MOH');
    const refused = await requestService(referral.victimRef, 'medical');
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('consent-required');
    // Consent for another purpose is not consent for an examination.
    await consent(referral.victimRef, 'psychological_aid', true);
    expect((await requestService(referral.victimRef, 'medical')).status).toBe(409);

    const given = await consent(referral.victimRef, 'medical_examination', true);
    expect(given.status).toBe(201);
    const accepted = await requestService(referral.victimRef, 'medical');
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      service: 'medical',
      victimRef: referral.victimRef,
      consentId: given.body.id,
      region: 'Baku',
    });
    const event = await tap.waitFor<Json>('service.requested', (d) => d.requestId === accepted.body.id);
    expect(event.data).toMatchObject({
      victimRef: referral.victimRef,
      caseNumber: referral.caseNumber,
      service: 'medical',
      referringOrg: 'MOH',
      region: 'Baku',
      profile: {
        sex: 'female',
        child: true,
        ageBand: '14-17',
        languages: ['az', 'ru'],
        needs: ['shelter', 'medical'],
      },
    });
    expect(Object.keys(event.data.profile as Json).sort()).toEqual([
      'age',
      'ageBand',
      'child',
      'languages',
      'needs',
      'sex',
    ]);
  });

  it("R-6.6 takes a child's consent only from a guardian or legal representative, and records who gave it", async () => {
    const referral = await report(svc, 'MOH'); // born 2009: a child
    for (const givenBy of [undefined, 'victim']) {
      const res = await post(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty(), {
        purpose: 'medical_examination',
        granted: true,
        ...(givenBy ? { givenBy } : {}),
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ type: 'guardian-required', errors: [{ field: 'givenBy' }] });
    }
    expect(
      (await get(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty())).body.history,
    ).toEqual([]);
    const res = await consent(
      referral.victimRef,
      'medical_examination',
      true,
      undefined,
      'legal_representative',
    );
    expect(res.status).toBe(201);
    expect(res.body.givenBy).toBe('legal_representative');
    const list = await get(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty());
    expect(list.body.current).toEqual([expect.objectContaining({ givenBy: 'legal_representative' })]);
  });

  it("R-6.6 records an adult's consent as the victim's own, never a guardian's", async () => {
    const referral = await report(svc, 'MOH', {}, { dateOfBirth: '1990-05-01' });
    const byGuardian = await consent(referral.victimRef, 'legal_aid', true, undefined, 'guardian');
    expect(byGuardian.status).toBe(422);
    const own = await post(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty(), {
      purpose: 'legal_aid',
      granted: true,
    });
    expect(own.status).toBe(201);
    expect(own.body.givenBy).toBe('victim');
  });

  it('R-6.5 makes a withdrawal win: the latest record is in force and the history is kept', async () => {
    const referral = await report(svc, 'MOH');
    await consent(referral.victimRef, 'shelter_placement', true);
    expect((await requestService(referral.victimRef, 'shelter')).status).toBe(201);
    const withdrawn = await consent(referral.victimRef, 'shelter_placement', false);
    expect(withdrawn.status).toBe(201);
    const refused = await requestService(referral.victimRef, 'shelter');
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('consent-required');

    const list = await get(svc, `/v1/victims/${referral.victimRef}/consents`, await tokens.duty());
    expect(list.body.current).toEqual([
      expect.objectContaining({ purpose: 'shelter_placement', granted: false }),
    ]);
    expect(list.body.history.map((c: Json) => c.granted)).toEqual([true, false]);
    await tap.waitFor<Json>(
      'victim.consent.changed',
      (d) => d.victimRef === referral.victimRef && d.granted === false,
    );

    // The history cannot be rewritten, not even by the service's own database role.
    const owner = new pg.Client({ connectionString: testEnv().ownerDatabaseUrl('referral') });
    await owner.connect();
    try {
      await expect(
        owner.query(`UPDATE "referral".consents SET granted = true WHERE purpose = 'shelter_placement'`),
      ).rejects.toThrow(/append-only/);
      await expect(
        owner.query(`DELETE FROM "referral".consents WHERE purpose = 'shelter_placement'`),
      ).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it.each([
    ['shelter', 'shelter_placement'],
    ['psychological', 'psychological_aid'],
    ['legal_aid', 'legal_aid'],
    ['rehabilitation', 'rehabilitation'],
  ])('R-6.1 requests %s only with %s consent', async (service, purpose) => {
    const referral = await report(svc, 'MOH');
    expect((await requestService(referral.victimRef, service)).status).toBe(409);
    await consent(referral.victimRef, purpose, true);
    expect((await requestService(referral.victimRef, service)).status).toBe(201);
  });

  it('R-3.4 publishes a psychological aid request with the minimal profile and never a name', async () => {
    const givenName = uniqueName('Nigar');
    const referral = await report(svc, 'MOH', {}, { givenName, dateOfBirth: undefined, ageEstimate: 34 });
    await consent(referral.victimRef, 'psychological_aid', true, undefined, 'victim');
    const res = await requestService(referral.victimRef, 'psychological');
    const event = await tap.waitFor<Json>('service.requested', (d) => d.requestId === res.body.id);
    expect(event.data.profile).toMatchObject({ age: 34, ageBand: '25-34', child: false });
    expect(JSON.stringify(event)).not.toContain(givenName);
  });

  it('lets the reporting agency record consent and request services, but not another agency', async () => {
    const referral = await report(svc, 'MOH');
    expect((await consent(referral.victimRef, 'legal_aid', true, await tokens.agency('MOH'))).status).toBe(
      201,
    );
    expect((await requestService(referral.victimRef, 'legal_aid', await tokens.agency('MOH'))).status).toBe(
      201,
    );
    expect((await consent(referral.victimRef, 'legal_aid', true, await tokens.agency('MOE'))).status).toBe(
      404,
    );
    expect((await requestService(referral.victimRef, 'legal_aid', await tokens.agency('MOE'))).status).toBe(
      404,
    );
    expect((await consent(referral.victimRef, 'legal_aid', true, await tokens.coordinator())).status).toBe(
      403,
    );
  });

  it('validates consent and service request bodies', async () => {
    const referral = await report(svc, 'MOH');
    const badPurpose = await consent(referral.victimRef, 'everything', true);
    expect(badPurpose.status).toBe(400);
    expect(badPurpose.body.errors[0].field).toBe('purpose');
    const badService = await requestService(referral.victimRef, 'spa');
    expect(badService.status).toBe(400);
    expect(badService.body.errors[0].field).toBe('service');
  });

  describe('Idempotency-Key on service requests', () => {
    const keyed = async (victimRef: string, key: string, body: Json) =>
      post(
        svc,
        `/v1/victims/${victimRef}/service-requests`,
        { ...(await tokens.duty()), 'idempotency-key': key },
        body,
      );
    const requestsOf = async (victimRef: string) =>
      (await get(svc, `/v1/service-requests?victimRef=${victimRef}`, await tokens.duty())).body
        .items as Json[];

    it('returns the first request to a retry with the same key, also when the retries race, and publishes it once', async () => {
      const referral = await report(svc, 'MOH');
      await consent(referral.victimRef, 'psychological_aid', true);
      const key = `retry-${uniqueName('k')}`;
      const body = { service: 'psychological', providerOrg: 'AC-PSY-1' };
      const first = await keyed(referral.victimRef, key, body);
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const retries = await Promise.all([1, 2, 3, 4].map(() => keyed(referral.victimRef, key, body)));
      for (const r of retries) {
        expect(r.status).toBe(201);
        expect(r.body.id).toBe(first.body.id);
        expect(r.headers.get('idempotent-replayed')).toBe('true');
      }
      expect((await requestsOf(referral.victimRef)).map((r) => r.id)).toEqual([first.body.id]);
      await tap.waitFor<Json>('service.requested', (d) => d.requestId === first.body.id);
      expect(
        tap.ofType('service.requested').filter((e) => e.data.victimRef === referral.victimRef),
      ).toHaveLength(1);

      // Racing first calls with one key make one request too.
      const other = await report(svc, 'MOH');
      await consent(other.victimRef, 'psychological_aid', true);
      const raceKey = `race-${uniqueName('k')}`;
      const raced = await Promise.all([1, 2, 3, 4, 5].map(() => keyed(other.victimRef, raceKey, body)));
      expect(raced.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
      expect(await requestsOf(other.victimRef)).toHaveLength(1);
    });

    it('refuses the same key with another body or another victim (422 idempotency-key-reused) and writes nothing', async () => {
      const referral = await report(svc, 'MOH');
      const second = await report(svc, 'MOH');
      for (const r of [referral, second]) {
        await consent(r.victimRef, 'psychological_aid', true);
        await consent(r.victimRef, 'rehabilitation', true);
      }
      const key = `reuse-${uniqueName('k')}`;
      expect(
        (await keyed(referral.victimRef, key, { service: 'psychological', providerOrg: 'AC-PSY-1' })).status,
      ).toBe(201);
      const otherBody = await keyed(referral.victimRef, key, {
        service: 'rehabilitation',
        providerOrg: 'AC-REHAB-1',
      });
      expect(otherBody.status).toBe(422);
      expect(otherBody.body.type).toBe('idempotency-key-reused');
      expect(otherBody.body.errors[0].field).toBe('Idempotency-Key');
      const otherVictim = await keyed(second.victimRef, key, {
        service: 'psychological',
        providerOrg: 'AC-PSY-1',
      });
      expect(otherVictim.status).toBe(422);
      expect(await requestsOf(referral.victimRef)).toHaveLength(1);
      expect(await requestsOf(second.victimRef)).toHaveLength(0);
    });

    it('keeps no key when the request is refused, so the retry after consent makes the request; a malformed key is 400', async () => {
      const referral = await report(svc, 'MOH');
      const key = `refused-${uniqueName('k')}`;
      const body = { service: 'psychological', providerOrg: 'AC-PSY-1' };
      expect((await keyed(referral.victimRef, key, body)).status).toBe(409);
      await consent(referral.victimRef, 'psychological_aid', true);
      const made = await keyed(referral.victimRef, key, body);
      expect(made.status).toBe(201);
      expect(made.headers.get('idempotent-replayed')).toBeNull();
      const bad = await keyed(referral.victimRef, 'has space', body);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('Idempotency-Key');
      expect(await requestsOf(referral.victimRef)).toHaveLength(1);
    });
  });

  describe('rights information (R-3.1)', () => {
    it('R-3.1 keeps a directory of free legal aid providers managed by admin', async () => {
      const name = uniqueName('Legal Aid Centre ');
      const created = await post(svc, '/v1/legal-aid-providers', await tokens.admin(), {
        name,
        region: 'Sumqayit',
        languages: ['az', 'ru'],
        phone: '+994 18 000 00 00',
      });
      expect(created.status).toBe(201);
      expect(
        (
          await post(svc, '/v1/legal-aid-providers', await tokens.agency('MOH'), {
            name,
            region: 'Baku',
            languages: ['az'],
          })
        ).status,
      ).toBe(403);
      const list = await get(
        svc,
        '/v1/legal-aid-providers?region=Sumqayit&language=ru',
        await tokens.agency('MOH'),
      );
      expect(list.status).toBe(200);
      expect(list.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: created.body.id, name, languages: ['az', 'ru'] }),
        ]),
      );
    });

    it('R-3.1 records that the victim was informed of free legal aid, by whom and in which language', async () => {
      const provider = await post(svc, '/v1/legal-aid-providers', await tokens.admin(), {
        name: uniqueName('Provider '),
        region: 'Baku',
        languages: ['az', 'en'],
      });
      const ngo = uniqueName('NGO-').toUpperCase();
      expect(
        (
          await post(svc, '/v1/organisations', await tokens.admin(), {
            code: ngo,
            name: 'Clean World',
            kind: 'ngo',
          })
        ).status,
      ).toBe(201);
      const referral = await report(svc, ngo);
      const informed = await post(
        svc,
        `/v1/victims/${referral.victimRef}/rights-information`,
        await auth('agency_officer', ngo, 'ngo-worker-1'),
        {
          providerId: provider.body.id,
          language: 'az',
        },
      );
      expect(informed.status).toBe(201);
      expect(informed.body).toMatchObject({
        providerId: provider.body.id,
        language: 'az',
        informedBy: 'ngo-worker-1',
        informedByOrg: ngo,
      });
      const byPolice = await post(
        svc,
        `/v1/victims/${referral.victimRef}/rights-information`,
        await tokens.duty(),
        { providerId: provider.body.id, language: 'en' },
      );
      expect(byPolice.status).toBe(201);
      const list = await get(
        svc,
        `/v1/victims/${referral.victimRef}/rights-information`,
        await tokens.duty(),
      );
      expect(list.body.map((r: Json) => [r.informedByOrg, r.language])).toEqual([
        [ngo, 'az'],
        ['MIA-SPU', 'en'],
      ]);
    });

    it('R-3.1 refuses an unknown provider (422) and a bad language (400)', async () => {
      const referral = await report(svc, 'MOH');
      const unknown = await post(
        svc,
        `/v1/victims/${referral.victimRef}/rights-information`,
        await tokens.duty(),
        { providerId: '6f1c2b1e-3d1a-4c53-9d7e-2a2b4e9f0c11', language: 'az' },
      );
      expect(unknown.status).toBe(422);
      expect(unknown.body.type).toBe('legal-aid-provider-unknown');
      const badLanguage = await post(
        svc,
        `/v1/victims/${referral.victimRef}/rights-information`,
        await tokens.duty(),
        { providerId: '6f1c2b1e-3d1a-4c53-9d7e-2a2b4e9f0c11', language: 'azeri' },
      );
      expect(badLanguage.status).toBe(400);
    });
  });
});
