import { eventually, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  adminToken,
  api,
  consentedVictimRef,
  createFacility,
  publishConsent,
  staffToken,
  startShelter,
  unique,
  victimRef,
  type CreatedFacility,
} from '../support/shelter.factory.js';

const programme = (overrides: Record<string, unknown> = {}) => ({
  code: unique('TP'),
  title: 'Tailoring for the labour market',
  leadMinistry: 'MLSPP',
  partnerNgos: ['CLEAN-WORLD'],
  region: 'Baku',
  startsOn: '2026-01-10',
  endsOn: '2099-06-30',
  seats: 2,
  ...overrides,
});

describe('training programmes (e2e)', () => {
  let svc: TestService<ShelterConfig>;
  let centre: CreatedFacility;
  let staff: string;

  beforeAll(async () => {
    svc = await startShelter();
    centre = await createFacility(svc, { kind: 'assistance_centre', capacity: 0 });
    staff = await staffToken(centre.code);
  });
  afterAll(() => svc?.close());

  const create = async (overrides: Record<string, unknown> = {}) =>
    api(svc, 'POST', '/v1/training-programmes', await adminToken(), programme(overrides));

  it('R-6.3 runs labour-market training programmes by the Ministry of Education or of Labour and Social Protection with NGOs', async () => {
    const moe = await create({ leadMinistry: 'MOE', partnerNgos: ['EDU-NGO', 'CLEAN-WORLD'] });
    expect(moe.status).toBe(201);
    expect(moe.body).toMatchObject({
      leadMinistry: 'MOE',
      partnerNgos: ['EDU-NGO', 'CLEAN-WORLD'],
      seats: 2,
      enrolled: 0,
      seatsFree: 2,
    });
    expect((await create({ leadMinistry: 'MLSPP' })).status).toBe(201);
    const other = await create({ leadMinistry: 'MIA' });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: 'leadMinistry' })]);
    const list = await api(svc, 'GET', '/v1/training-programmes', staff);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(moe.body.id);
    expect((await create({ startsOn: '2027-01-01', endsOn: '2026-01-01' })).status).toBe(400);
  });

  it('R-6.5 enrols a victim only with their current consent to rehabilitation, never a tick set by staff, and lets them withdraw', async () => {
    const p = (await create()).body;
    const url = `/v1/training-programmes/${p.id as string}/enrolments`;
    const ref = victimRef();
    // No decision known from the referral service: not granted.
    const refused = await api(svc, 'POST', url, staff, { victimRef: ref });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('consent-required');
    // The staff-set tick-box is gone: sending it is a bad request, not a consent.
    const ticked = await api(svc, 'POST', url, staff, { victimRef: ref, victimConsent: true });
    expect(ticked.status).toBe(400);
    expect(ticked.body.errors).toEqual([expect.objectContaining({ field: 'victimConsent' })]);
    await publishConsent(svc, ref, true, 'rehabilitation');
    const enrolled = await eventually(async () => {
      const res = await api(svc, 'POST', url, staff, { victimRef: ref });
      expect(res.status).toBe(201);
      return res;
    });
    expect(enrolled.body).toMatchObject({
      programmeId: p.id,
      victimRef: ref,
      facilityId: centre.id,
      status: 'enrolled',
    });
    expect(enrolled.body.consentRecordedAt).toEqual(expect.any(String));
    const withdrawn = await api(
      svc,
      'POST',
      `/v1/training-programmes/${p.id as string}/enrolments/${enrolled.body.id as string}/withdraw`,
      staff,
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await api(svc, 'GET', `/v1/training-programmes/${p.id as string}`, staff)).body.enrolled).toBe(0);
  });

  it('R-6.3 enrols within the seats and records completion', async () => {
    const p = (await create({ seats: 1 })).body;
    const url = `/v1/training-programmes/${p.id as string}/enrolments`;
    const first = await api(svc, 'POST', url, staff, { victimRef: await consentedVictimRef(svc) });
    expect(first.status).toBe(201);
    const dup = await api(svc, 'POST', url, staff, { victimRef: first.body.victimRef });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toBe('already-enrolled');
    const full = await api(svc, 'POST', url, staff, { victimRef: await consentedVictimRef(svc) });
    expect(full.status).toBe(409);
    expect(full.body.type).toBe('programme-full');

    const otherCentre = await createFacility(svc, { kind: 'assistance_centre', capacity: 0 });
    expect(
      (
        await api(
          svc,
          'POST',
          `${url}/${first.body.id as string}/complete`,
          await staffToken(otherCentre.code),
        )
      ).status,
    ).toBe(403);
    const done = await api(svc, 'POST', `${url}/${first.body.id as string}/complete`, staff);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.completedAt).toEqual(expect.any(String));
    expect((await api(svc, 'POST', `${url}/${first.body.id as string}/complete`, staff)).status).toBe(409);
    const listed = await api(svc, 'GET', url, await adminToken());
    expect(listed.body.items).toEqual([expect.objectContaining({ id: first.body.id, status: 'completed' })]);
  });

  it('R-6.5 takes the victim out of training when they withdraw consent to rehabilitation', async () => {
    const p = (await create({ seats: 3 })).body;
    const ref = await consentedVictimRef(svc);
    const url = `/v1/training-programmes/${p.id as string}/enrolments`;
    await api(svc, 'POST', url, staff, { victimRef: ref });
    await publishConsent(svc, ref, false, 'rehabilitation');
    await eventually(async () => {
      const list = await api(svc, 'GET', url, staff);
      expect(list.body.items).toEqual([expect.objectContaining({ victimRef: ref, status: 'withdrawn' })]);
    });
    expect((await api(svc, 'GET', `/v1/training-programmes/${p.id as string}`, staff)).body.enrolled).toBe(0);
    // While the withdrawal stands, a new enrolment is refused whatever is ticked here.
    const again = await api(svc, 'POST', url, staff, { victimRef: ref });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('consent-required');
    // Consent given again in the referral register: enrolment is possible again.
    await publishConsent(svc, ref, true, 'rehabilitation');
    await eventually(async () =>
      expect((await api(svc, 'POST', url, staff, { victimRef: ref })).status).toBe(201),
    );
  });

  it('refuses enrolment in an ended programme', async () => {
    const p = (await create({ startsOn: '2020-01-01', endsOn: '2020-06-30' })).body;
    const res = await api(svc, 'POST', `/v1/training-programmes/${p.id as string}/enrolments`, staff, {
      victimRef: await consentedVictimRef(svc),
    });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('programme-ended');
  });
});
