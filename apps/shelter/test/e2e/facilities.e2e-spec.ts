import { eventually, mintToken, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  adminToken,
  api,
  facilityBody,
  staffToken,
  startShelter,
  unique,
} from '../support/shelter.factory.js';

describe('facilities (e2e)', () => {
  let svc: TestService<ShelterConfig>;
  beforeAll(async () => {
    svc = await startShelter();
  });
  afterAll(() => svc?.close());

  it('R-3.11 registers shelters and assistance centres as special institutions, with what they accept', async () => {
    const token = await adminToken();
    const shelter = await api(
      svc,
      'POST',
      '/v1/facilities',
      token,
      facilityBody({
        kind: 'shelter',
        capacity: 12,
        accepts: { sexes: ['other'], children: true, minAge: 0, maxAge: 30 },
        languages: ['az', 'ru'],
        accessible: true,
      }),
    );
    expect(shelter.status).toBe(201);
    expect(shelter.body).toMatchObject({
      kind: 'shelter',
      capacity: 12,
      accepts: { sexes: ['other'], children: true, minAge: 0, maxAge: 30 },
      languages: ['az', 'ru'],
      accessible: true,
      active: true,
      fundingSources: ['state_budget'],
    });
    const centre = await api(
      svc,
      'POST',
      '/v1/facilities',
      token,
      facilityBody({ kind: 'assistance_centre', capacity: 0 }),
    );
    expect(centre.status).toBe(201);
    expect(centre.body.kind).toBe('assistance_centre');
    const bad = await api(svc, 'POST', '/v1/facilities', token, { ...facilityBody(), kind: 'prison' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);

    const got = await api(svc, 'GET', `/v1/facilities/${shelter.body.id as string}`, token);
    expect(got.body).toEqual(shelter.body);
    const list = await api(svc, 'GET', `/v1/facilities?kind=assistance_centre`, token);
    expect(list.body.items.map((f: { id: string }) => f.id)).toContain(centre.body.id);
    expect(list.body.items.every((f: { kind: string }) => f.kind === 'assistance_centre')).toBe(true);
  });

  it('R-6.8 lets an NGO run a special institution', async () => {
    const res = await api(
      svc,
      'POST',
      '/v1/facilities',
      await adminToken(),
      facilityBody({ operator: 'ngo', fundingSources: ['grant', 'donation'] }),
    );
    expect(res.status).toBe(201);
    expect(res.body.operator).toBe('ngo');
  });

  it('R-6.7 records funding from the state budget and other lawful sources only', async () => {
    const token = await adminToken();
    const ok = await api(
      svc,
      'POST',
      '/v1/facilities',
      token,
      facilityBody({ fundingSources: ['state_budget', 'international'] }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.fundingSources).toEqual(['state_budget', 'international']);
    const bad = await api(
      svc,
      'POST',
      '/v1/facilities',
      token,
      facilityBody({ fundingSources: ['trafficker_donation'] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('validation-failed');
  });

  it('refuses bad input without writing anything, and duplicate codes with 409', async () => {
    const token = await adminToken();
    const code = unique('SH');
    const unknownField = await api(svc, 'POST', '/v1/facilities', token, {
      ...facilityBody({ code }),
      owner: 'x',
    });
    expect(unknownField.status).toBe(400);
    const range = await api(
      svc,
      'POST',
      '/v1/facilities',
      token,
      facilityBody({ code, accepts: { minAge: 30, maxAge: 20 } }),
    );
    expect(range.status).toBe(400);
    expect(range.body.errors).toEqual([expect.objectContaining({ field: 'accepts.minAge' })]);
    expect((await api(svc, 'POST', '/v1/facilities', token, facilityBody({ code }))).status).toBe(201);
    const dup = await api(svc, 'POST', '/v1/facilities', token, facilityBody({ code }));
    expect(dup.status).toBe(409);
    expect(dup.body.type).toBe('facility-code-taken');
    expect((await api(svc, 'GET', `/v1/facilities/${crypto.randomUUID()}`, token)).status).toBe(404);
    const reserved = await api(svc, 'POST', '/v1/facilities', token, facilityBody({ code: 'MIA-SPU' }));
    expect(reserved.status).toBe(400);
    expect(reserved.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('lets only admin manage facilities, and staff read only their own occupancy', async () => {
    const created = await api(
      svc,
      'POST',
      '/v1/facilities',
      await adminToken(),
      facilityBody({ capacity: 5 }),
    );
    const id = created.body.id as string;
    expect(
      (
        await api(
          svc,
          'POST',
          '/v1/facilities',
          await staffToken(created.body.code as string),
          facilityBody(),
        )
      ).status,
    ).toBe(403);
    expect(
      (await api(svc, 'GET', '/v1/facilities', await mintToken({ role: 'agency_officer', org: 'MIA' })))
        .status,
    ).toBe(403);
    const own = await api(
      svc,
      'GET',
      `/v1/facilities/${id}/occupancy`,
      await staffToken(created.body.code as string),
    );
    expect(own.body).toEqual({ facilityId: id, capacity: 5, occupied: 0, held: 0, free: 5 });
    expect(
      (await api(svc, 'GET', `/v1/facilities/${id}/occupancy`, await staffToken('SOMEONE-ELSE'))).status,
    ).toBe(403);
    expect(
      (
        await api(
          svc,
          'GET',
          `/v1/facilities/${id}/occupancy`,
          await mintToken({ role: 'coordinator', org: 'NC' }),
        )
      ).status,
    ).toBe(200);
  });

  it('changes capacity, never below the beds in use', async () => {
    const token = await adminToken();
    const created = await api(svc, 'POST', '/v1/facilities', token, facilityBody({ capacity: 2 }));
    const id = created.body.id as string;
    const more = await api(svc, 'PATCH', `/v1/facilities/${id}`, token, {
      capacity: 4,
      languages: ['az', 'en'],
    });
    expect(more.status).toBe(200);
    expect(more.body).toMatchObject({ capacity: 4, languages: ['az', 'en'] });
    const inactive = await api(svc, 'PATCH', `/v1/facilities/${id}`, token, { active: false });
    expect(inactive.body.active).toBe(false);
    expect(
      (await api(svc, 'PATCH', `/v1/facilities/${id}`, token, { accepts: { children: true } })).status,
    ).toBe(400);
    expect(
      (await api(svc, 'PATCH', `/v1/facilities/${crypto.randomUUID()}`, token, { capacity: 1 })).status,
    ).toBe(404);
    expect(
      (
        await api(svc, 'PATCH', `/v1/facilities/${id}`, await staffToken(created.body.code as string), {
          capacity: 9,
        })
      ).status,
    ).toBe(403);
  });

  it('exports beds and the waiting list as metrics, without facility or victim labels', async () => {
    const text = await eventually(async () => {
      const body = await (await fetch(`${svc.url}/metrics`)).text();
      expect(body).toMatch(/shelter_beds\{state="free"[^}]*\} \d+/);
      expect(body).toMatch(/shelter_waiting_list_length\{[^}]*\} \d+/);
      return body;
    });
    expect(text).not.toMatch(/shelter_beds\{[^}]*(facility|victim)/);
  });

  it('documents its API at /docs-json', async () => {
    const res = await fetch(`${svc.url}/docs-json`);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/facilities',
        '/v1/facilities/{id}/occupancy',
        '/v1/placements',
        '/v1/placements/{id}/admit',
        '/v1/plans',
        '/v1/plans/{id}',
        '/v1/training-programmes',
      ]),
    );
  });
});
