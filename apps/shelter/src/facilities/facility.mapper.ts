import type { Facility } from './facility.entity.js';
import { FacilityResponse, OccupancyResponse } from './dto/facility.response.js';

export function toFacilityResponse(f: Facility): FacilityResponse {
  return Object.assign(new FacilityResponse(), {
    id: f.id,
    code: f.code,
    name: f.name,
    kind: f.kind,
    region: f.region,
    operator: f.operator,
    fundingSources: f.fundingSources,
    capacity: f.capacity,
    accepts: { sexes: f.acceptsSexes, children: f.acceptsChildren, minAge: f.minAge, maxAge: f.maxAge },
    languages: f.languages,
    accessible: f.accessible,
    active: f.active,
    createdAt: f.createdAt.toISOString(),
  });
}

export function toOccupancyResponse(f: Facility): OccupancyResponse {
  return Object.assign(new OccupancyResponse(), {
    facilityId: f.id,
    capacity: f.capacity,
    occupied: f.occupied,
    held: f.held,
    free: Math.max(0, f.capacity - f.occupied - f.held),
  });
}
