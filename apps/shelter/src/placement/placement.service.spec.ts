import { jest } from '@jest/globals';
import pino from 'pino';
import type { EntityManager } from 'typeorm';
import {
  ShelterAdmissionRequested,
  ShelterWaitlisted,
  type ServiceRequestedV1,
  type Transaction,
} from '#shared';
import type { ShelterConfig } from '../config/shelter.config.js';
import type { VictimConsentsRepository } from '../consent/victim-consents.repository.js';
import type { PlacementRequest } from './placement-request.entity.js';
import type { PlacementRepository } from './placement.repository.js';
import { PlacementService } from './placement.service.js';

/**
 * `holds(facilityId)` says whether a facility still has a bed; the repository's one-statement hold
 * writes the admission event's outbox row only then, as the real statement does.
 */
function setup(
  overrides: Partial<Record<keyof PlacementRepository, unknown>> & {
    holds?: (em: unknown, facilityId: string) => Promise<boolean>;
  } = {},
) {
  const { holds = async () => true, ...repoOverrides } = overrides;
  const published: { type: string; data: Record<string, unknown> }[] = [];
  const request = {
    id: 'r-1',
    victimRef: 'V-12345678',
    caseNumber: 'NRM-1',
    sex: 'female',
    ageBand: '25-34',
    age: 30,
    child: false,
    languages: ['az'],
    needs: [],
    referringOrg: 'MIA',
  } as unknown as PlacementRequest;
  const repo = {
    insertRequest: jest.fn(async () => true),
    requestExists: jest.fn(async () => true),
    lockRequest: jest.fn(async () => request),
    candidates: jest.fn(async () => [
      { id: 'f-1', code: 'SH-1' },
      { id: 'f-2', code: 'SH-2' },
    ]),
    holdBedAndOffer: jest.fn(
      async (em: unknown, p: { facilityId: string }, row: (typeof published)[number]) => {
        const held = await holds(em, p.facilityId);
        if (held) published.push(row);
        return held;
      },
    ),
    setRequestStatus: jest.fn(async () => undefined),
    fitting: jest.fn(async () => ({ any: 1, notExcluded: 1 })),
    waitlist: jest.fn(async () => 3),
    nextWaiting: jest.fn(async () => null),
    ...repoOverrides,
  };
  const tx = {
    em: {} as EntityManager,
    publish: (contract: { type: string }, data: Record<string, unknown>) => {
      published.push({ type: contract.type, data });
      return {} as never;
    },
    outboxRow: (contract: { type: string }, data: Record<string, unknown>) => ({ type: contract.type, data }),
  } as unknown as Transaction;
  const config = { OFFER_TTL_MINUTES: 60, EXPECTED_ARRIVAL_MINUTES: 120 } as ShelterConfig;
  const consents = { withdrawnSince: jest.fn(async () => false) };
  const service = new PlacementService(
    repo as unknown as PlacementRepository,
    consents as unknown as VictimConsentsRepository,
    config,
    pino({ level: 'silent' }),
  );
  return { service, repo, tx, published, request };
}

const event = (service: ServiceRequestedV1['service'] = 'shelter'): ServiceRequestedV1 => ({
  requestId: 'r-1',
  victimRef: 'V-12345678',
  caseNumber: 'NRM-1',
  service,
  profile: { sex: 'female', ageBand: '25-34', age: 30, child: false, languages: ['az'], needs: [] },
  region: 'Baku',
  referringOrg: 'MIA',
  requestedAt: new Date().toISOString(),
});

describe(PlacementService.name, () => {
  it('R-6.1 does nothing for a request of another service', async () => {
    const { service, repo, tx, published } = setup();
    await service.onServiceRequested(event('medical'), tx);
    expect(repo.insertRequest).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('does nothing for a request already known', async () => {
    const { service, repo, tx, published } = setup({ insertRequest: jest.fn(async () => false) });
    await service.onServiceRequested(event(), tx);
    expect(repo.candidates).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('tries the next candidate when another instance took the last bed first', async () => {
    const holds = jest.fn(async (_em: unknown, id: string) => id === 'f-2');
    const { service, tx, published } = setup({ holds });
    await service.onServiceRequested(event(), tx);
    expect(holds).toHaveBeenCalledTimes(2);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      type: ShelterAdmissionRequested.type,
      data: { facilityId: 'f-2', facilityCode: 'SH-2' },
    });
  });

  it('never tells the facility to expect the victim after the offer expires', async () => {
    const { service, tx, published } = setup();
    await service.onServiceRequested(event(), tx);
    const data = published[0].data;
    expect(data.expectedArrivalAt).toBe(data.offerExpiresAt);
  });

  it.each([
    [{ any: 0, notExcluded: 0 }, 'no_fitting_facility'],
    [{ any: 2, notExcluded: 0 }, 'declined_everywhere'],
    [{ any: 2, notExcluded: 1 }, 'no_capacity'],
  ])('waitlists with the reason for %j: %s', async (fitting, reason) => {
    const { service, tx, published } = setup({
      holds: async () => false,
      fitting: jest.fn(async () => fitting),
    });
    await service.onServiceRequested(event(), tx);
    expect(published).toEqual([
      {
        type: ShelterWaitlisted.type,
        data: expect.objectContaining({ reason, position: 3, requestId: 'r-1' }),
      },
    ]);
  });

  it('serves the waiting list while beds are free and someone fits', async () => {
    const waiting = [{ id: 'w-1' }, { id: 'w-2' }].map((w) => ({
      ...w,
      victimRef: `V-${w.id}-xxxx`,
      caseNumber: 'NRM-2',
      sex: 'male',
      ageBand: '18-24',
      age: null,
      child: false,
      languages: [],
      needs: [],
    }));
    const nextWaiting = jest.fn(async () => waiting.shift() ?? null);
    const { service, tx, published } = setup({ nextWaiting });
    expect(await service.serveWaitingList(tx, 'f-1', 'SH-1')).toBe(2);
    expect(published.map((p) => p.data.requestId)).toEqual(['w-1', 'w-2']);
    expect(published[0].data.profile).not.toHaveProperty('age');
  });
});
