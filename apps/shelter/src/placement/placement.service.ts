import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  CONFIG,
  LOGGER,
  ShelterAdmissionRequested,
  ShelterWaitlisted,
  type ServiceRequestedV1,
  type Transaction,
} from '#shared';
import type { ShelterConfig } from '../config/shelter.config.js';
import { VictimConsentsRepository } from '../consent/victim-consents.repository.js';
import { ageBounds, isChildProfile } from './fit.js';
import type { PlacementRequest } from './placement-request.entity.js';
import { PlacementRepository } from './placement.repository.js';

/** Why a victim is waitlisted (carried in `shelter.waitlisted`). */
export type WaitlistReason = 'no_capacity' | 'no_fitting_facility' | 'declined_everywhere';

/**
 * Safe placement: chooses a facility that fits the victim, holds a bed without
 * ever going over capacity, and keeps the waiting list. Every method runs inside the caller's
 * transaction and writes its events to the outbox there.
 */
@Injectable()
export class PlacementService {
  constructor(
    private readonly placements: PlacementRepository,
    private readonly consents: VictimConsentsRepository,
    @Inject(CONFIG) private readonly config: ShelterConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Handles `service.requested`.: rehabilitation and shelter happen only at the victim's own
   * request, so only a `shelter` request leads to a placement; other services are not ours.
   * The request id is the idempotency key: the same request delivered twice places the victim once.
   */
  // @clause a victim is placed only at their own shelter request
  async onServiceRequested(data: ServiceRequestedV1, tx: Transaction): Promise<void> {
    if (data.service !== 'shelter') return;
    const { lo, hi } = ageBounds(data.profile);
    const fields = {
      id: data.requestId,
      victimRef: data.victimRef,
      caseNumber: data.caseNumber,
      sex: data.profile.sex,
      ageBand: data.profile.ageBand,
      age: data.profile.age ?? null,
      ageLo: lo,
      ageHi: hi,
      child: isChildProfile(data.profile),
      languages: data.profile.languages,
      needs: data.profile.needs,
      region: data.region,
      referralRegion: data.referralRegion ?? data.region,
      referringOrg: data.referringOrg,
      requestedAt: new Date(data.requestedAt),
      // Provisional: becomes offered, waitlisted or withdrawn before this transaction commits.
      status: 'offered' as const,
    };
    const inserted = await this.placements.insertRequest(tx.em, fields);
    if (!inserted) {
      const known = await this.placements.requestExists(tx.em, data.requestId);
      this.logger.info(
        { requestId: data.requestId },
        known
          ? 'shelter request already known; nothing to do'
          : 'victim already has a live shelter request; not placed twice',
      );
      return;
    }
    // a withdrawal of consent made after the request (its event may have arrived first) wins.
    if (await this.consents.withdrawnSince(tx.em, data.victimRef, 'shelter_placement', fields.requestedAt)) {
      await this.placements.setRequestStatus(tx.em, data.requestId, 'withdrawn');
      this.logger.info(
        { requestId: data.requestId },
        'consent to shelter placement withdrawn since the request; not placed',
      );
      return;
    }
    // The row was just inserted by this transaction, so it is ours: no need to read it back.
    const request: PlacementRequest = {
      ...fields,
      waitlistedAt: null,
      waitlistReason: null,
      excludedFacilityIds: [],
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await this.offer(tx, request);
  }

  /**
   * Offers the request a bed in the best fitting facility with one free, or puts it on the waiting
   * list. Returns the placement id when a bed was held.
   */
  async offer(tx: Transaction, request: PlacementRequest): Promise<string | undefined> {
    for (const candidate of await this.placements.candidates(tx.em, request.id)) {
      // The hold re-checks the free bed under the facility's row lock: losing a race just means
      // trying the next candidate.
      const id = await this.tryOffer(tx, request, candidate);
      if (id) return id;
    }
    await this.waitlist(tx, request);
    return undefined;
  }

  /** Serves the waiting list of a facility whose bed(s) just became free: children first, then the longest waiting. */
  async serveWaitingList(tx: Transaction, facilityId: string, facilityCode: string): Promise<number> {
    let served = 0;
    // Bounded: at most one pass per bed a facility could free at once.
    for (let i = 0; i < 100; i++) {
      const next = await this.placements.nextWaiting(tx.em, facilityId);
      if (!next) break;
      if (!(await this.tryOffer(tx, next, { id: facilityId, code: facilityCode }))) break;
      served++;
    }
    return served;
  }

  /**
   * Holds a bed in `facility` and offers it to the request, with its admission event, in one
   * statement (the facility's row lock is held from it to the commit only). Returns the placement id,
   * or undefined (nothing written) when the facility has no free bed.
   */
  private async tryOffer(
    tx: Transaction,
    request: PlacementRequest,
    facility: { id: string; code: string },
  ): Promise<string | undefined> {
    const now = new Date();
    const offerExpiresAt = new Date(now.getTime() + this.config.OFFER_TTL_MINUTES * 60_000);
    const arrival = new Date(now.getTime() + this.config.EXPECTED_ARRIVAL_MINUTES * 60_000);
    const expectedArrivalAt = arrival < offerExpiresAt ? arrival : offerExpiresAt;
    const id = randomUUID();
    // The admission message: facility, victimRef and the minimal profile; never a name.
    const event = tx.outboxRow(
      ShelterAdmissionRequested,
      {
        placementId: id,
        requestId: request.id,
        facilityId: facility.id,
        facilityCode: facility.code,
        victimRef: request.victimRef,
        caseNumber: request.caseNumber,
        profile: {
          sex: request.sex as ShelterProfile['sex'],
          ageBand: request.ageBand as ShelterProfile['ageBand'],
          ...(request.age !== null ? { age: request.age } : {}),
          child: request.child,
          languages: request.languages,
          needs: request.needs,
        },
        expectedArrivalAt: expectedArrivalAt.toISOString(),
        offerExpiresAt: offerExpiresAt.toISOString(),
      },
      { aggregateId: request.id },
    );
    const held = await this.placements.holdBedAndOffer(
      tx.em,
      {
        id,
        requestId: request.id,
        facilityId: facility.id,
        victimRef: request.victimRef,
        caseNumber: request.caseNumber,
        offeredAt: now,
        offerExpiresAt,
        expectedArrivalAt,
      },
      event,
    );
    if (!held) return undefined;
    this.logger.info(
      { placementId: id, requestId: request.id, facilityId: facility.id },
      'bed held; admission requested',
    );
    return id;
  }

  private async waitlist(tx: Transaction, request: PlacementRequest): Promise<void> {
    const fitting = await this.placements.fitting(tx.em, request.id);
    const reason: WaitlistReason =
      fitting.any === 0
        ? 'no_fitting_facility'
        : fitting.notExcluded === 0
          ? 'declined_everywhere'
          : 'no_capacity';
    const position = await this.placements.waitlist(tx.em, request.id, reason);
    tx.publish(
      ShelterWaitlisted,
      {
        requestId: request.id,
        victimRef: request.victimRef,
        caseNumber: request.caseNumber,
        referringOrg: request.referringOrg,
        reason,
        position,
      },
      { aggregateId: request.id },
    );
    this.logger.info({ requestId: request.id, reason, position }, 'victim waitlisted');
  }
}

type ShelterProfile = ServiceRequestedV1['profile'];
