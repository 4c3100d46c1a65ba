import { Injectable } from '@nestjs/common';
import { commonErrors, type Principal } from '#shared';
import { FacilitiesService } from '../facilities/facilities.service.js';
import type { ListPlacementsQuery } from './dto/list-placements.query.js';
import type { PlacementPageResponse, PlacementResponse } from './dto/placement.response.js';
import type { WaitingListResponse } from './dto/waiting-list.response.js';
import { placementErrors } from './placement.errors.js';
import { decodeCursor, encodeCursor, toPlacementResponse } from './placement.mapper.js';
import { PlacementQueryRepository } from './placement-query.repository.js';

/** Reading placements and the waiting list: admin sees all, facility staff only their own facility's. */
@Injectable()
export class PlacementQueryService {
  constructor(
    private readonly queries: PlacementQueryRepository,
    private readonly facilities: FacilitiesService,
  ) {}

  async get(id: string, user: Principal): Promise<PlacementResponse> {
    const row = await this.queries.findPlacement(id);
    if (!row) throw placementErrors.error('not-found', 'No such placement');
    if (user.role === 'facility_staff' && row.facilityCode !== user.org) {
      throw placementErrors.error('forbidden', "Staff see only their own facility's placements");
    }
    return toPlacementResponse(row);
  }

  async list(query: ListPlacementsQuery, user: Principal): Promise<PlacementPageResponse> {
    let facilityId = query.facilityId;
    if (user.role === 'facility_staff') {
      const own = await this.facilities.facilityOfStaff(user);
      if (facilityId && facilityId !== own.id) {
        throw placementErrors.error('forbidden', "Staff see only their own facility's placements");
      }
      facilityId = own.id;
    }
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !after) {
      throw commonErrors.error('validation-failed', 'Invalid fields: cursor', [
        { field: 'cursor', message: 'is not a valid cursor' },
      ]);
    }
    const limit = query.limit ?? 50;
    const rows = await this.queries.list(
      { victimRef: query.victimRef, facilityId, status: query.status, after },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(toPlacementResponse),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /** The waiting list in serving order (children first, R-6.6), with each entry's position. */
  async waitingList(limit: number): Promise<WaitingListResponse> {
    const rows = await this.queries.waitingList(limit);
    return {
      items: rows.map((r, i) => ({
        position: i + 1,
        requestId: r.requestId,
        victimRef: r.victimRef,
        caseNumber: r.caseNumber,
        child: r.child,
        region: r.region,
        reason: r.reason,
        requestedAt: r.requestedAt.toISOString(),
        waitlistedAt: r.waitlistedAt.toISOString(),
      })),
    };
  }

  /** Totals for the metrics (no facility or victim labels). */
  stats() {
    return this.queries.stats();
  }
}
