import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  LOGGER,
  ShelterAdmitted,
  ShelterDeclined,
  ShelterDischarged,
  UnitOfWork,
  type Principal,
  type Transaction,
} from '#shared';
import { retryOnDeadlock } from '../common/retry.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import type { Facility } from '../facilities/facility.entity.js';
import type { DeclineReason } from './dto/decline-placement.dto.js';
import type { PlacementResponse } from './dto/placement.response.js';
import type { Placement } from './placement.entity.js';
import { placementErrors } from './placement.errors.js';
import { PlacementRepository } from './placement.repository.js';
import { PlacementQueryService } from './placement-query.service.js';
import { PlacementService } from './placement.service.js';

/**
 * The admission lifecycle of a held bed: admit, decline (the victim is offered the next fitting
 * facility), discharge (the bed serves the waiting list), and release of offers not admitted in time.
 * Only the staff of the placement's own facility may decide.
 */
@Injectable()
export class PlacementLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly placements: PlacementRepository,
    private readonly placing: PlacementService,
    private readonly facilities: FacilitiesService,
    private readonly queries: PlacementQueryService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async admit(id: string, user: Principal): Promise<PlacementResponse> {
    await retryOnDeadlock(() =>
      this.uow.run(async (tx) => {
        const { placement, facility } = await this.lockForStaff(tx, id, user);
        if (placement.status !== 'offered') throw illegal(placement, 'admitted');
        if (placement.offerExpiresAt.getTime() <= Date.now()) {
          throw placementErrors.error(
            'offer-expired',
            'The offer has expired; the bed is being offered again',
          );
        }
        const at = new Date();
        await this.placements.occupyHeldBed(tx.em, facility.id);
        await this.placements.updatePlacement(tx.em, id, {
          status: 'admitted',
          admittedAt: at,
          decidedBy: user.sub,
        });
        await this.placements.setRequestStatus(tx.em, placement.requestId, 'admitted');
        tx.publish(
          ShelterAdmitted,
          { ...eventBase(placement, facility), at: at.toISOString() },
          { aggregateId: placement.requestId },
        );
        this.logger.info({ placementId: id, facilityId: facility.id, by: user.sub }, 'victim admitted');
      }),
    );
    return this.queries.get(id, user);
  }

  async decline(id: string, reason: DeclineReason, user: Principal): Promise<PlacementResponse> {
    await retryOnDeadlock(() =>
      this.uow.run(async (tx) => {
        const { placement, facility } = await this.lockForStaff(tx, id, user);
        if (placement.status !== 'offered') throw illegal(placement, 'declined');
        await this.release(tx, placement, facility, 'declined', reason, user.sub);
        this.logger.info(
          { placementId: id, facilityId: facility.id, by: user.sub, reason },
          'placement declined',
        );
      }),
    );
    return this.queries.get(id, user);
  }

  async discharge(id: string, user: Principal): Promise<PlacementResponse> {
    await retryOnDeadlock(() =>
      this.uow.run(async (tx) => {
        const { placement, facility } = await this.lockForStaff(tx, id, user);
        if (placement.status !== 'admitted') throw illegal(placement, 'discharged');
        const at = new Date();
        await this.placements.freeOccupiedBed(tx.em, facility.id);
        await this.placements.updatePlacement(tx.em, id, {
          status: 'discharged',
          dischargedAt: at,
          decidedBy: user.sub,
        });
        await this.placements.setRequestStatus(tx.em, placement.requestId, 'discharged');
        tx.publish(
          ShelterDischarged,
          { ...eventBase(placement, facility), at: at.toISOString() },
          { aggregateId: placement.requestId },
        );
        this.logger.info({ placementId: id, facilityId: facility.id, by: user.sub }, 'victim discharged');
        // The freed bed goes to the next waiting victim who fits: children first.
        await this.placing.serveWaitingList(tx, facility.id, facility.code);
      }),
    );
    return this.queries.get(id, user);
  }

  /**
   * Releases one offer not admitted in time and re-offers the victim; returns false when none is due.
   * Each release is its own transaction, so one slow or failing release never holds back the others.
   */
  async expireNextOffer(now: Date): Promise<boolean> {
    return retryOnDeadlock(() =>
      this.uow.run(async (tx) => {
        const placement = await this.placements.lockNextExpiredOffer(tx.em, now);
        if (!placement) return false;
        const facility = await this.facilities.require(placement.facilityId);
        await this.release(tx, placement, facility, 'expired', 'expired', 'system:offer-expiry');
        this.logger.info(
          { placementId: placement.id, facilityId: facility.id },
          'offer expired; bed released and victim re-offered',
        );
        return true;
      }),
    );
  }

  /** Serves the waiting list of one facility (periodic sweep, catching beds freed while a request was being waitlisted). */
  async serveFacility(facilityId: string): Promise<number> {
    const facility = await this.facilities.require(facilityId);
    return retryOnDeadlock(() =>
      this.uow.run((tx) => this.placing.serveWaitingList(tx, facility.id, facility.code)),
    );
  }

  /** Facilities with a free bed and someone waiting who fits them. */
  facilitiesToServe(limit: number): Promise<string[]> {
    return this.placements.facilitiesToServe(limit);
  }

  /**
   * the victim withdrew consent to shelter placement. Their request ends: off the waiting
   * list, and a held bed is released (and offered to the next waiting victim). A stay already begun
   * is not touched here: the victim is free to leave, and the facility records it as a discharge.
   */
  async onShelterConsentWithdrawn(victimRef: string, tx: Transaction): Promise<void> {
    const request = await this.placements.lockLiveRequestOfVictim(tx.em, victimRef);
    if (!request || request.status === 'admitted') return;
    if (request.status === 'offered') {
      const placement = await this.placements.lockOfferOfRequest(tx.em, request.id);
      if (placement) {
        const facility = await this.facilities.require(placement.facilityId);
        await this.release(
          tx,
          placement,
          facility,
          'declined',
          'consent_withdrawn',
          'system:consent-withdrawn',
          { reoffer: false },
        );
      }
    }
    await this.placements.setRequestStatus(tx.em, request.id, 'withdrawn');
    this.logger.info({ requestId: request.id }, 'consent to shelter placement withdrawn; request ended');
  }

  /**
   * Frees the held bed, tells the bus, offers the victim the next fitting facility (unless the
   * request is ending) and serves the freed bed's waiting list.
   */
  private async release(
    tx: Transaction,
    placement: Placement,
    facility: Facility,
    status: 'declined' | 'expired',
    reason: string,
    by: string,
    opts: { reoffer: boolean } = { reoffer: true },
  ): Promise<void> {
    const at = new Date();
    await this.placements.releaseHeldBed(tx.em, facility.id);
    await this.placements.updatePlacement(tx.em, placement.id, {
      status,
      declinedAt: at,
      declineReason: reason,
      decidedBy: by,
    });
    tx.publish(
      ShelterDeclined,
      { ...eventBase(placement, facility), at: at.toISOString(), reason },
      { aggregateId: placement.requestId },
    );
    if (opts.reoffer) {
      await this.placements.excludeFacility(tx.em, placement.requestId, facility.id);
      const request = (await this.placements.lockRequest(tx.em, placement.requestId))!;
      await this.placing.offer(tx, request);
    } else {
      // Ending the request first keeps it off the waiting list served just below.
      await this.placements.setRequestStatus(tx.em, placement.requestId, 'withdrawn');
    }
    await this.placing.serveWaitingList(tx, facility.id, facility.code);
  }

  private async lockForStaff(
    tx: Transaction,
    id: string,
    user: Principal,
  ): Promise<{ placement: Placement; facility: Facility }> {
    const placement = await this.placements.lockPlacement(tx.em, id);
    if (!placement) throw placementErrors.error('not-found', 'No such placement');
    const facility = await this.facilities.require(placement.facilityId);
    if (user.org !== facility.code) {
      throw placementErrors.error('forbidden', "Only the staff of the placement's facility may decide on it");
    }
    return { placement, facility };
  }
}

function eventBase(p: Placement, f: Facility) {
  return {
    placementId: p.id,
    facilityId: f.id,
    facilityCode: f.code,
    victimRef: p.victimRef,
    caseNumber: p.caseNumber,
  };
}

function illegal(p: Placement, to: string) {
  return placementErrors.error('illegal-transition', `A placement that is ${p.status} cannot be ${to}`);
}
