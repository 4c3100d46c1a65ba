import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  commonErrors,
  ServiceRequestAccepted,
  ServiceRequestCompleted,
  ServiceRequestDeclined,
  ServiceRequested,
  UnitOfWork,
  type Principal,
  type ServiceDeclineReason,
  type ServiceRequestStatus,
  type Transaction,
} from '#shared';
import { BlindIndex } from '../common/blind-index.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { PiiCipher } from '../common/pii-cipher.js';
import { buildProfile } from '../common/profile.js';
import { ConsentsService } from '../consents/consents.service.js';
import { canActForVictim, isDutyOfficer } from '../referrals/referral-access.js';
import type { Referral } from '../referrals/referral.entity.js';
import type { Victim } from '../referrals/victim.entity.js';
import { VictimLookupService } from '../victims/victim-lookup.service.js';
import { VictimsRepository } from '../victims/victims.repository.js';
import { assertNotErased } from '../victims/victims.errors.js';
import { CONSENT_FOR_SERVICE } from './consent-purpose.js';
import type {
  CreateServiceRequestDto,
  ListServiceRequestsQuery,
  ReaddressServiceRequestDto,
} from './dto/service-request.dto.js';
import { ProviderResolver } from './provider.js';
import { ServiceRequest } from './service-request.entity.js';
import { serviceRequestErrors } from './service-requests.errors.js';
import { ServiceRequestsRepository, type ServiceRequestView } from './service-requests.repository.js';

/** An answer of the provider. */
export type ProviderAnswer =
  | { action: 'accept' }
  | { action: 'decline'; reason: ServiceDeclineReason }
  | { action: 'complete'; outcome?: string };

/** The request's life: requested → accepted | declined; accepted → completed | declined; declined → requested (re-addressed). */
const TRANSITIONS: Record<ServiceRequestStatus, readonly ServiceRequestStatus[]> = {
  requested: ['accepted', 'declined'],
  accepted: ['completed', 'declined'],
  declined: ['requested'],
  completed: [],
};

@Injectable()
export class ServiceRequestsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lookup: VictimLookupService,
    private readonly victims: VictimsRepository,
    private readonly consents: ConsentsService,
    private readonly cipher: PiiCipher,
    private readonly providers: ProviderResolver,
    private readonly repository: ServiceRequestsRepository,
    private readonly blindIndex: BlindIndex,
  ) {}

  /**
   * Requests a service for the victim, only with the victim's consent in force for it (R-3.3, R-3.4,
   * ), addressed to the body that provides it. The victim row is locked, so a withdrawal
   * recorded at the same moment is either seen or comes after. `service.requested` carries the
   * victimRef, the provider and the minimum profile a provider needs, never a name.
   *
   * With an Idempotency-Key, a retry with the same key, victim and body returns the request the first
   * call made (`replayed`), and the same key with another victim or body is 422
   * `idempotency-key-reused`; nothing is written for either.
   */
  // @clause a service is requested only with the victim's consent in force for it
  async request(
    victimRef: string,
    dto: CreateServiceRequestDto,
    user: Principal,
    idempotencyKey?: string,
  ): Promise<{ request: ServiceRequestView; replayed: boolean }> {
    const providerOrg = await this.providers.providerFor(dto.service, dto.providerOrg);
    const requestHash = idempotencyKey ? this.blindIndex.request({ victimRef, ...dto }) : undefined;
    const { id, replayed } = await this.uow.run(async (tx) => {
      const { victim, referral, wrappedKey } = await this.lookup.forActor(victimRef, user, tx.em, true);
      const requestId = randomUUID();
      if (idempotencyKey && requestHash) {
        const taken = await this.repository.claimKey(tx.em, {
          org: user.org,
          key: idempotencyKey,
          requestHash,
          requestId,
        });
        if (taken && taken.requestHash !== requestHash)
          throw commonErrors.error(
            'idempotency-key-reused',
            'This Idempotency-Key was used with a different request',
            [{ field: 'Idempotency-Key', message: 'was used with another victim or body' }],
          );
        if (taken) return { id: taken.requestId, replayed: true };
      }
      const consent = await this.consentInForce(tx, victim.id, dto.service);
      const now = new Date();
      const request = Object.assign(new ServiceRequest(), {
        id: requestId,
        victimId: victim.id,
        referralId: referral.id,
        service: dto.service,
        consentId: consent.id,
        region: dto.region ?? referral.region,
        requestedBy: user.sub,
        requestedByOrg: user.org,
        requestedAt: now,
        providerOrg: providerOrg ?? null,
        status: 'requested' as const,
        declineReason: null,
        outcome: null,
        answeredBy: null,
        answeredAt: null,
        previousProviders: [],
        updatedAt: now,
      });
      await this.repository.insert(tx.em, request);
      this.publishRequested(tx, request, victim, wrappedKey, referral, now);
      return { id: request.id, replayed: false };
    });
    return { request: (await this.repository.find(id))!, replayed };
  }

  /**
   * The provider's answer: only staff of the body the request is addressed to
   * accept, decline or complete it; each answer is published to the reporting agency and the duty
   * officer's channel.
   */
  async answer(id: string, answer: ProviderAnswer, user: Principal): Promise<ServiceRequestView> {
    await this.uow.run(async (tx) => {
      const request = await this.repository.find(id, tx.em, true);
      // @clause only the body a request is addressed to answers it (anyone else: not found)
      if (!request || request.providerOrg === null || request.providerOrg !== user.org)
        throw commonErrors.error('not-found', 'No such service request');
      const to: ServiceRequestStatus =
        answer.action === 'accept' ? 'accepted' : answer.action === 'decline' ? 'declined' : 'completed';
      this.assertTransition(request.status, to);
      // @clause a provider takes a request on only while the victim's consent for it is in force
      if (to === 'accepted') await this.consentInForce(tx, request.victimId, request.service);
      const now = new Date();
      await this.repository.update(tx.em, id, {
        status: to,
        answeredBy: user.sub,
        answeredAt: now,
        ...(answer.action === 'decline' ? { declineReason: answer.reason } : {}),
        ...(answer.action === 'complete' ? { outcome: answer.outcome ?? 'provided' } : {}),
      });
      const data = {
        requestId: id,
        victimRef: request.victimRef,
        caseNumber: request.caseNumber,
        service: request.service,
        providerOrg: request.providerOrg,
        referringOrg: request.reportingOrg,
        at: now.toISOString(),
      };
      const meta = { aggregateId: request.referralId };
      if (answer.action === 'accept') tx.publish(ServiceRequestAccepted, data, meta);
      else if (answer.action === 'decline')
        tx.publish(ServiceRequestDeclined, { ...data, reason: answer.reason }, meta);
      else tx.publish(ServiceRequestCompleted, { ...data, outcome: answer.outcome ?? 'provided' }, meta);
    });
    return (await this.repository.find(id))!;
  }

  /**
   * A declined request is addressed to another provider by the duty officer or the reporting agency:
   * `service.requested` is published again with the same request id and the new provider, still only
   * with the victim's consent in force.
   */
  async readdress(id: string, dto: ReaddressServiceRequestDto, user: Principal): Promise<ServiceRequestView> {
    const current = await this.repository.find(id);
    if (!current || !canActForVictim(current, user))
      throw commonErrors.error('not-found', 'No such service request');
    const providerOrg = await this.providers.providerFor(current.service, dto.providerOrg);
    await this.uow.run(async (tx) => {
      const found = await this.victims.findByRef(current.victimRef, tx.em, true);
      const request = await this.repository.find(id, tx.em, true);
      if (!found || !request) throw commonErrors.error('not-found', 'No such service request');
      assertNotErased(found.victim);
      this.assertTransition(request.status, 'requested');
      if (
        providerOrg === request.providerOrg ||
        (providerOrg !== undefined && request.previousProviders.includes(providerOrg))
      )
        throw serviceRequestErrors.error(
          'provider-not-allowed',
          'This provider already declined the request',
          [{ field: 'providerOrg', message: 'must be a provider that has not declined this request' }],
        );
      await this.consentInForce(tx, found.victim.id, request.service);
      const now = new Date();
      const change: Partial<ServiceRequest> = {
        status: 'requested',
        providerOrg: providerOrg ?? null,
        previousProviders: [
          ...request.previousProviders,
          ...(request.providerOrg ? [request.providerOrg] : []),
        ],
        declineReason: null,
        answeredBy: null,
        answeredAt: null,
      };
      await this.repository.update(tx.em, id, change);
      this.publishRequested(
        tx,
        { ...request, ...change },
        found.victim,
        found.wrappedKey,
        found.referral,
        now,
      );
    });
    return (await this.repository.find(id))!;
  }

  /** Requests visible to the caller: the duty officer all, an agency its own referrals', a provider those addressed to it. */
  async list(
    q: ListServiceRequestsQuery,
    user: Principal,
  ): Promise<{ items: ServiceRequestView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 20;
    const after = q.cursor !== undefined ? decodeCursor(q.cursor) : undefined;
    if (q.cursor !== undefined && !after)
      throw commonErrors.error('validation-failed', 'Invalid cursor', [
        { field: 'cursor', message: 'is not a cursor from this API' },
      ]);
    const scope: { reportingOrg?: string; providerOrg?: string } = {};
    if (isDutyOfficer(user)) {
      // sees every request
    } else if (user.role === 'agency_officer') {
      scope.reportingOrg = user.org;
    } else if (user.role === 'service_provider' || user.role === 'facility_staff') {
      if (q.providerOrg !== undefined && q.providerOrg !== user.org)
        throw commonErrors.error('forbidden', 'A provider sees only the requests addressed to it');
      scope.providerOrg = user.org;
    } else {
      throw commonErrors.error('forbidden', 'You may not list service requests');
    }
    const rows = await this.repository.page({
      victimRef: q.victimRef,
      status: q.status,
      providerOrg: scope.providerOrg ?? q.providerOrg,
      service: q.service,
      reportingOrg: scope.reportingOrg,
      after,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ createdAt: last.requestedAt.toISOString(), id: last.id })
          : null,
    };
  }

  /** One request, for whoever may see it in the list. */
  async get(id: string, user: Principal): Promise<ServiceRequestView> {
    const request = await this.repository.find(id);
    const visible =
      request !== undefined &&
      (isDutyOfficer(user) ||
        (user.role === 'agency_officer' && request.reportingOrg === user.org) ||
        ((user.role === 'service_provider' || user.role === 'facility_staff') &&
          request.providerOrg === user.org));
    if (!visible) throw commonErrors.error('not-found', 'No such service request');
    return request;
  }

  private async consentInForce(tx: Transaction, victimId: string, service: ServiceRequest['service']) {
    const purpose = CONSENT_FOR_SERVICE[service];
    const consent = await this.consents.inForce(tx.em, victimId, purpose);
    // @clause no medical examination, and no service, without the victim's current consent for it
    if (!consent?.granted)
      throw serviceRequestErrors.error(
        'consent-required',
        `A ${service} request needs the victim's current ${purpose} consent`,
      );
    return consent;
  }

  private assertTransition(from: ServiceRequestStatus, to: ServiceRequestStatus): void {
    if (!TRANSITIONS[from].includes(to))
      throw commonErrors.error('illegal-transition', `A service request that is ${from} cannot become ${to}`);
  }

  private publishRequested(
    tx: Transaction,
    request: Pick<ServiceRequest, 'id' | 'service' | 'region' | 'providerOrg'>,
    victim: Victim,
    wrappedKey: string | null,
    referral: Referral,
    now: Date,
  ): void {
    // The age is computed here from the encrypted birth date; only the age and band leave.
    const dateOfBirth = this.cipher
      .forVictim(victim.id, wrappedKey)
      .decryptOptional(victim.dateOfBirthEnc, 'dateOfBirth');
    tx.publish(
      ServiceRequested,
      {
        requestId: request.id,
        victimRef: referral.victimRef,
        caseNumber: referral.caseNumber,
        service: request.service,
        profile: buildProfile(
          {
            sex: victim.sex,
            dateOfBirth,
            ageEstimate: victim.ageEstimate,
            languages: victim.languages,
            needs: referral.urgentNeeds,
          },
          now,
        ),
        region: request.region,
        referralRegion: referral.region,
        referringOrg: referral.reportingOrg,
        requestedAt: now.toISOString(),
        ...(request.providerOrg !== null ? { providerOrg: request.providerOrg } : {}),
      },
      { aggregateId: referral.id },
    );
  }
}
