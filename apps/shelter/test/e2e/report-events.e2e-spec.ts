import { EventTap, eventually, testEnv, type TestService } from '#shared/testing';
import type { ShelterConfig } from '../../src/config/shelter.config.js';
import {
  adminToken,
  api,
  consentedVictimRef,
  createFacility,
  staffToken,
  startShelter,
  unique,
} from '../support/shelter.factory.js';

describe('plan and training events for the annual report (e2e)', () => {
  let svc: TestService<ShelterConfig>;
  let staff: string;
  let tap: EventTap;

  beforeAll(async () => {
    svc = await startShelter();
    const centre = await createFacility(svc, { kind: 'assistance_centre', capacity: 0 });
    staff = await staffToken(centre.code);
    tap = await EventTap.open(testEnv().amqpUrl, 'shelter.#');
  });
  afterAll(async () => {
    await tap?.close();
    await svc?.close();
  });

  it('R-1.3.2 publishes each plan version with its measures’ domains and statuses only, never their goals or actions', async () => {
    const victimRef = await consentedVictimRef(svc);
    const goal = `Find a flat near the sister ${unique('G')}`;
    const action = `Call the landlord ${unique('A')}`;
    const created = await api(svc, 'POST', '/v1/plans', staff, {
      victimRef,
      reviewDueOn: '2027-01-15',
      items: [
        { domain: 'housing', goal, actions: [action], responsible: { kind: 'agency', org: 'MLSPP' } },
        {
          domain: 'medical',
          goal: 'Check-up',
          actions: ['Book'],
          responsible: { kind: 'agency', org: 'MOH' },
        },
      ],
    });
    expect(created.status).toBe(201);
    const [housing, medical] = created.body.items as { id: string; domain: string }[];
    const patched = await api(svc, 'PATCH', `/v1/plans/${created.body.id}`, staff, {
      items: [{ id: medical.id, status: 'scheduled', victimAgreement: 'agreed' }],
    });
    expect(patched.status).toBe(200);
    const events = await eventually(() => {
      const mine = tap.ofType('shelter.plan.changed').filter((e) => e.data.planId === created.body.id);
      return mine.length === 2 ? mine : false;
    });
    expect(events.map((e) => e.data)).toEqual([
      {
        planId: created.body.id,
        victimRef,
        version: 1,
        status: 'active',
        measures: [
          { itemId: housing.id, domain: 'housing', status: 'proposed' },
          { itemId: medical.id, domain: 'medical', status: 'proposed' },
        ],
      },
      {
        planId: created.body.id,
        victimRef,
        version: 2,
        status: 'active',
        measures: [
          { itemId: housing.id, domain: 'housing', status: 'proposed' },
          { itemId: medical.id, domain: 'medical', status: 'scheduled' },
        ],
      },
    ]);
    const text = JSON.stringify(events);
    for (const secret of [goal, action, 'Check-up', 'MLSPP', 'MOH']) expect(text).not.toContain(secret);
  });

  it('R-6.3 publishes an enrolment, its completion and the lead ministry of the programme', async () => {
    const victimRef = await consentedVictimRef(svc);
    const programme = await api(svc, 'POST', '/v1/training-programmes', await adminToken(), {
      code: unique('TP'),
      title: 'Bakery and pastry',
      leadMinistry: 'MOE',
      partnerNgos: [],
      region: 'Baku',
      startsOn: '2026-01-10',
      endsOn: '2099-06-30',
      seats: 3,
    });
    expect(programme.status).toBe(201);
    const enrolled = await api(
      svc,
      'POST',
      `/v1/training-programmes/${programme.body.id}/enrolments`,
      staff,
      {
        victimRef,
      },
    );
    expect(enrolled.status).toBe(201);
    const completed = await api(
      svc,
      'POST',
      `/v1/training-programmes/${programme.body.id}/enrolments/${enrolled.body.id}/complete`,
      staff,
    );
    expect(completed.status).toBe(200);
    const events = await eventually(() => {
      const mine = tap
        .ofType('shelter.training.changed')
        .filter((e) => e.data.enrolmentId === enrolled.body.id);
      return mine.length === 2 ? mine : false;
    });
    expect(events.map((e) => [e.data.status, e.data.leadMinistry, e.data.victimRef])).toEqual([
      ['enrolled', 'MOE', victimRef],
      ['completed', 'MOE', victimRef],
    ]);
    expect(JSON.stringify(events)).not.toContain('Bakery');
  });
});
