import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PlacementRequest } from './placement-request.entity.js';
import type { Placement, PlacementStatus } from './placement.entity.js';

/** A placement with the minimal profile of its victim, for listing. */
export interface PlacementRow extends Placement {
  facilityCode: string;
  request: PlacementRequest;
}

/** A waiting request, for the waiting-list view. */
export interface WaitingRow {
  requestId: string;
  victimRef: string;
  caseNumber: string;
  child: boolean;
  region: string;
  reason: string | null;
  requestedAt: Date;
  waitlistedAt: Date;
}

/** Read-side queries: placements with their profiles, the waiting list, totals for metrics. */
@Injectable()
export class PlacementQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Totals for the metrics: beds of active facilities by state, and the waiting list's length. */
  async stats(): Promise<{
    capacity: number;
    occupied: number;
    held: number;
    waiting: number;
    oldestWaitSeconds: number;
  }> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(capacity), 0)::int AS capacity, coalesce(sum(occupied), 0)::int AS occupied,
              coalesce(sum(held), 0)::int AS held,
              (SELECT count(*)::int FROM "shelter".placement_requests WHERE status = 'waitlisted') AS waiting,
              (SELECT coalesce(extract(epoch FROM now() - min(requested_at)), 0)::float8
                 FROM "shelter".placement_requests WHERE status = 'waitlisted') AS "oldestWaitSeconds"
         FROM "shelter".facilities WHERE active`,
    );
    return row as {
      capacity: number;
      occupied: number;
      held: number;
      waiting: number;
      oldestWaitSeconds: number;
    };
  }

  /** The waiting list in serving order: children first (R-6.6), then by request time. */
  async waitingList(limit: number): Promise<WaitingRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, victim_ref, case_number, child, region, waitlist_reason, requested_at, waitlisted_at
         FROM "shelter".placement_requests WHERE status = 'waitlisted'
        ORDER BY child DESC, requested_at, id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      requestId: r.id as string,
      victimRef: r.victim_ref as string,
      caseNumber: r.case_number as string,
      child: r.child as boolean,
      region: r.region as string,
      reason: (r.waitlist_reason as string | null) ?? null,
      requestedAt: new Date(r.requested_at as string),
      waitlistedAt: new Date(r.waitlisted_at as string),
    }));
  }

  async findPlacement(id: string): Promise<PlacementRow | null> {
    const rows = await this.list({ id }, 1);
    return rows[0] ?? null;
  }

  /** Placements, newest first, keyset-paged on (offered_at, id). */
  async list(
    filter: {
      id?: string;
      victimRef?: string;
      facilityId?: string;
      status?: PlacementStatus;
      after?: { at: Date; id: string };
    },
    limit: number,
  ): Promise<PlacementRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.id) add('p.id = ?', filter.id);
    if (filter.victimRef) add('p.victim_ref = ?', filter.victimRef);
    if (filter.facilityId) add('p.facility_id = ?', filter.facilityId);
    if (filter.status) add('p.status = ?', filter.status);
    if (filter.after) {
      params.push(filter.after.at, filter.after.id);
      where.push(`(p.offered_at, p.id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT p.*, f.code AS facility_code, r.sex, r.age_band, r.age, r.child, r.languages, r.needs
         FROM "shelter".placements p
         JOIN "shelter".facilities f ON f.id = p.facility_id
         JOIN "shelter".placement_requests r ON r.id = p.request_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY p.offered_at DESC, p.id DESC
        LIMIT $${params.length}`,
      params,
    );
    return rows.map(toPlacementRow);
  }
}

function toPlacementRow(row: Record<string, unknown>): PlacementRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: row.id as string,
    requestId: row.request_id as string,
    facilityId: row.facility_id as string,
    facilityCode: row.facility_code as string,
    victimRef: row.victim_ref as string,
    caseNumber: row.case_number as string,
    status: row.status as PlacementStatus,
    offeredAt: date(row.offered_at)!,
    offerExpiresAt: date(row.offer_expires_at)!,
    expectedArrivalAt: date(row.expected_arrival_at)!,
    admittedAt: date(row.admitted_at),
    declinedAt: date(row.declined_at),
    declineReason: (row.decline_reason as string | null) ?? null,
    dischargedAt: date(row.discharged_at),
    decidedBy: (row.decided_by as string | null) ?? null,
    updatedAt: date(row.updated_at)!,
    request: {
      sex: row.sex as string,
      ageBand: row.age_band as string,
      age: (row.age as number | null) ?? null,
      child: row.child as boolean,
      languages: row.languages as string[],
      needs: row.needs as string[],
    } as PlacementRequest,
  };
}
