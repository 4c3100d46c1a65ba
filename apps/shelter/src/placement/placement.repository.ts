import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OutboxRow } from '#shared';
import { FITS_PROFILE_SQL, FITS_SQL } from './fit.js';
import { PlacementRequest } from './placement-request.entity.js';
import { Placement } from './placement.entity.js';

/** A facility that can take a request, in order of preference. */
export interface Candidate {
  id: string;
  code: string;
}

/** Every query of placement requests, placements and the bed counters they move. */
@Injectable()
export class PlacementRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a request; false if that request id is already known (idempotency per `service.requested`
   * request) or the victim already has a live request (unique index: one bed per victim).
   */
  async insertRequest(
    em: EntityManager,
    r: Omit<
      PlacementRequest,
      'createdAt' | 'updatedAt' | 'waitlistedAt' | 'waitlistReason' | 'excludedFacilityIds'
    >,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO "shelter".placement_requests
         (id, victim_ref, case_number, sex, age_band, age, age_lo, age_hi, child, languages, needs, region, referring_org,
          requested_at, status, referral_region)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        r.id,
        r.victimRef,
        r.caseNumber,
        r.sex,
        r.ageBand,
        r.age,
        r.ageLo,
        r.ageHi,
        r.child,
        r.languages,
        r.needs,
        r.region,
        r.referringOrg,
        r.requestedAt,
        r.status,
        r.referralRegion,
      ],
    );
    return rows.length > 0;
  }

  async requestExists(em: EntityManager, id: string): Promise<boolean> {
    return (await em.getRepository(PlacementRequest).countBy({ id })) > 0;
  }

  /** The victim's live request (offered, admitted or waiting), locked. */
  async lockLiveRequestOfVictim(em: EntityManager, victimRef: string): Promise<PlacementRequest | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM "shelter".placement_requests
        WHERE victim_ref = $1 AND status IN ('offered', 'admitted', 'waitlisted') FOR UPDATE`,
      [victimRef],
    );
    return rows.length ? em.getRepository(PlacementRequest).findOneBy({ id: rows[0].id }) : null;
  }

  /** The held bed (offered placement) of a request, locked. */
  async lockOfferOfRequest(em: EntityManager, requestId: string): Promise<Placement | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM "shelter".placements WHERE request_id = $1 AND status = 'offered' FOR UPDATE`,
      [requestId],
    );
    return rows.length ? em.getRepository(Placement).findOneBy({ id: rows[0].id }) : null;
  }

  lockRequest(em: EntityManager, id: string): Promise<PlacementRequest | null> {
    return em.getRepository(PlacementRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Facilities that fit the request and have a free bed now, best first: in the requested region,
   * speaking one of the victim's languages, shelters before assistance centres, most free beds.
   */
  async candidates(em: EntityManager, requestId: string): Promise<Candidate[]> {
    return em.query(
      `SELECT f.id, f.code
         FROM "shelter".placement_requests r
         JOIN "shelter".facilities f ON ${FITS_SQL}
        WHERE r.id = $1 AND f.occupied + f.held < f.capacity
        ORDER BY (f.region = r.region) DESC, (f.languages && r.languages) DESC, (f.kind = 'shelter') DESC,
                 (f.capacity - f.occupied - f.held) DESC, f.code
        LIMIT 20`,
      [requestId],
    );
  }

  /** How many facilities fit the victim at all, and how many of them have not declined the request. */
  async fitting(em: EntityManager, requestId: string): Promise<{ any: number; notExcluded: number }> {
    const [row] = await em.query(
      `SELECT count(*)::int AS any,
              count(*) FILTER (WHERE NOT (f.id = ANY (r.excluded_facility_ids)))::int AS "notExcluded"
         FROM "shelter".placement_requests r
         JOIN "shelter".facilities f ON ${FITS_PROFILE_SQL}
        WHERE r.id = $1 AND f.capacity > 0`,
      [requestId],
    );
    return row as { any: number; notExcluded: number };
  }

  /** Releases a held bed (declined or expired offer). */
  async releaseHeldBed(em: EntityManager, facilityId: string): Promise<void> {
    await em.query(`UPDATE "shelter".facilities SET held = held - 1, updated_at = now() WHERE id = $1`, [
      facilityId,
    ]);
  }

  /** Turns a held bed into an occupied one (admission). */
  async occupyHeldBed(em: EntityManager, facilityId: string): Promise<void> {
    await em.query(
      `UPDATE "shelter".facilities SET held = held - 1, occupied = occupied + 1, updated_at = now() WHERE id = $1`,
      [facilityId],
    );
  }

  /** Frees an occupied bed (discharge). */
  async freeOccupiedBed(em: EntityManager, facilityId: string): Promise<void> {
    await em.query(
      `UPDATE "shelter".facilities SET occupied = occupied - 1, updated_at = now() WHERE id = $1`,
      [facilityId],
    );
  }

  /**
   * Holds one bed and records its offer in ONE statement: the facility's bed counter, the offered
   * placement, the request's status and the admission event's outbox row. The UPDATE takes the
   * facility's row lock and re-checks the free bed after any concurrent holder commits, so no facility
   * is ever over capacity (and the CHECK `occupied + held <= capacity` backs it up). Every placement
   * to a facility queues on that row lock until the holder commits, so the lock is held for this
   * statement and the COMMIT only, not for a round trip per write. Returns false (and writes nothing)
   * when no bed is free.
   */
  async holdBedAndOffer(
    em: EntityManager,
    p: Pick<
      Placement,
      | 'id'
      | 'requestId'
      | 'facilityId'
      | 'victimRef'
      | 'caseNumber'
      | 'offeredAt'
      | 'offerExpiresAt'
      | 'expectedArrivalAt'
    >,
    event: OutboxRow,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `WITH held AS (
         UPDATE "shelter".facilities SET held = held + 1, updated_at = now()
          WHERE id = $3 AND active AND occupied + held < capacity RETURNING id
       ), placed AS (
         INSERT INTO "shelter".placements
           (id, request_id, facility_id, victim_ref, case_number, status, offered_at, offer_expires_at, expected_arrival_at)
         SELECT $1, $2, held.id, $4, $5, 'offered', $6, $7, $8 FROM held
       ), offered AS (
         UPDATE "shelter".placement_requests SET status = 'offered', updated_at = now()
          WHERE id = $2 AND EXISTS (SELECT 1 FROM held)
       ), announced AS (
         INSERT INTO "shelter".outbox (event_id, event_type, aggregate_id, envelope)
         SELECT $9, $10, $11, $12::jsonb FROM held
       )
       SELECT id FROM held`,
      [
        p.id,
        p.requestId,
        p.facilityId,
        p.victimRef,
        p.caseNumber,
        p.offeredAt,
        p.offerExpiresAt,
        p.expectedArrivalAt,
        event.eventId,
        event.eventType,
        event.aggregateId,
        event.envelope,
      ],
    );
    return rows.length > 0;
  }

  async setRequestStatus(em: EntityManager, id: string, status: PlacementRequest['status']): Promise<void> {
    await em.query(`UPDATE "shelter".placement_requests SET status = $2, updated_at = now() WHERE id = $1`, [
      id,
      status,
    ]);
  }

  /** Puts a request on the waiting list (keeping the time it was first listed); returns its position. */
  async waitlist(em: EntityManager, id: string, reason: string): Promise<number> {
    await em.query(
      `UPDATE "shelter".placement_requests
          SET status = 'waitlisted', waitlisted_at = COALESCE(waitlisted_at, now()), waitlist_reason = $2, updated_at = now()
        WHERE id = $1`,
      [id, reason],
    );
    const [row] = await em.query(
      `SELECT 1 + count(*)::int AS position
         FROM "shelter".placement_requests w, "shelter".placement_requests r
        WHERE r.id = $1 AND w.status = 'waitlisted' AND w.id <> r.id
          AND (NOT w.child, w.requested_at, w.id) < (NOT r.child, r.requested_at, r.id)`,
      [id],
    );
    return (row as { position: number }).position;
  }

  /** Excludes a facility from further offers to a request (it declined, or let the offer expire). */
  async excludeFacility(em: EntityManager, requestId: string, facilityId: string): Promise<void> {
    await em.query(
      `UPDATE "shelter".placement_requests
          SET excluded_facility_ids = array_append(excluded_facility_ids, $2::uuid), updated_at = now()
        WHERE id = $1 AND NOT ($2::uuid = ANY (excluded_facility_ids))`,
      [requestId, facilityId],
    );
  }

  /**
   * The next waiting request that fits a facility, locked: children first, then the longest
   * waiting. SKIP LOCKED lets several instances serve the list without blocking on one another.
   */
  async nextWaiting(em: EntityManager, facilityId: string): Promise<PlacementRequest | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT r.id
         FROM "shelter".placement_requests r
         JOIN "shelter".facilities f ON f.id = $1 AND ${FITS_SQL}
        WHERE r.status = 'waitlisted'
        ORDER BY r.child DESC, r.requested_at, r.id
        LIMIT 1
        FOR UPDATE OF r SKIP LOCKED`,
      [facilityId],
    );
    if (rows.length === 0) return null;
    return em.getRepository(PlacementRequest).findOneBy({ id: rows[0].id });
  }

  /** Facilities with a free bed and someone waiting who fits them (for the periodic sweep). */
  async facilitiesToServe(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT f.id FROM "shelter".facilities f
        WHERE f.active AND f.occupied + f.held < f.capacity
          AND EXISTS (SELECT 1 FROM "shelter".placement_requests r WHERE r.status = 'waitlisted' AND ${FITS_SQL})
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  lockPlacement(em: EntityManager, id: string): Promise<Placement | null> {
    return em.getRepository(Placement).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** One expired offer, locked; SKIP LOCKED so several instances never release the same hold. */
  async lockNextExpiredOffer(em: EntityManager, now: Date): Promise<Placement | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM "shelter".placements
        WHERE status = 'offered' AND offer_expires_at <= $1
        ORDER BY offer_expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    if (rows.length === 0) return null;
    return em.getRepository(Placement).findOneBy({ id: rows[0].id });
  }

  async updatePlacement(em: EntityManager, id: string, changes: Partial<Placement>): Promise<void> {
    await em.getRepository(Placement).update({ id }, { ...changes, updatedAt: new Date() });
  }
}
