import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { commonErrors, type Principal, RESERVED_ORG_CODES } from '#shared';
import type { CreateFacilityDto } from './dto/create-facility.dto.js';
import type { FacilityResponse, OccupancyResponse } from './dto/facility.response.js';
import type { ListFacilitiesQuery } from './dto/list-facilities.query.js';
import type { UpdateFacilityDto } from './dto/update-facility.dto.js';
import { FacilitiesRepository } from './facilities.repository.js';
import { facilityErrors } from './facilities.errors.js';
import type { Facility } from './facility.entity.js';
import { toFacilityResponse, toOccupancyResponse } from './facility.mapper.js';

/** Shelters and assistance centres, run by the state or NGOs. */
@Injectable()
export class FacilitiesService {
  constructor(private readonly facilities: FacilitiesRepository) {}

  // @clause special institutions: shelters and assistance centres, run by the state or an NGO, lawfully funded
  async create(dto: CreateFacilityDto): Promise<FacilityResponse> {
    if (RESERVED_ORG_CODES.includes(dto.code)) {
      throw commonErrors.error('validation-failed', 'Invalid fields: code', [
        { field: 'code', message: 'is the code of a state body and cannot name a facility' },
      ]);
    }
    const { minAge, maxAge } = dto.accepts;
    if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) {
      throw commonErrors.error('validation-failed', 'Invalid fields: accepts.minAge', [
        { field: 'accepts.minAge', message: 'must not be greater than accepts.maxAge' },
      ]);
    }
    const facility = Object.assign({} as Facility, {
      id: randomUUID(),
      code: dto.code,
      name: dto.name,
      kind: dto.kind,
      region: dto.region,
      operator: dto.operator,
      // rehabilitation is funded by the state budget and other lawful sources.
      fundingSources: dto.fundingSources ?? ['state_budget'],
      capacity: dto.capacity,
      acceptsSexes: dto.accepts.sexes,
      acceptsChildren: dto.accepts.children,
      minAge: minAge ?? null,
      maxAge: maxAge ?? null,
      languages: dto.languages,
      accessible: dto.accessible ?? false,
    });
    if (!(await this.facilities.insert(facility))) {
      throw facilityErrors.error('facility-code-taken', 'A facility with this code already exists');
    }
    return toFacilityResponse((await this.facilities.findById(facility.id))!);
  }

  /**
   * Changes a facility. More beds (or reactivation) are offered to the waiting list by the offer
   * sweep within OFFER_SWEEP_INTERVAL_MS; fewer beds than those in use are refused.
   */
  async update(id: string, dto: UpdateFacilityDto): Promise<FacilityResponse> {
    if (!(await this.facilities.update(id, dto))) {
      await this.require(id);
      throw facilityErrors.error(
        'capacity-below-occupancy',
        'The capacity cannot be lower than the beds occupied and held',
      );
    }
    return this.get(id);
  }

  async get(id: string): Promise<FacilityResponse> {
    return toFacilityResponse(await this.require(id));
  }

  async list(query: ListFacilitiesQuery): Promise<FacilityResponse[]> {
    return (await this.facilities.list(query)).map(toFacilityResponse);
  }

  /** Beds total, taken, held and free; admin sees every facility, staff only their own. */
  async occupancy(id: string, user: Principal): Promise<OccupancyResponse> {
    const facility = await this.require(id);
    if (user.role === 'facility_staff' && user.org !== facility.code) {
      throw facilityErrors.error('forbidden', 'Staff see only their own facility');
    }
    return toOccupancyResponse(facility);
  }

  /** The facility of a staff member (their `org` is its code), or 403. */
  async facilityOfStaff(user: Principal): Promise<Facility> {
    const facility = await this.facilities.findByCode(user.org);
    if (!facility) throw facilityErrors.error('forbidden', 'Your organisation is not a registered facility');
    return facility;
  }

  async require(id: string): Promise<Facility> {
    const facility = await this.facilities.findById(id);
    if (!facility) throw facilityErrors.error('not-found', 'No such facility');
    return facility;
  }
}
