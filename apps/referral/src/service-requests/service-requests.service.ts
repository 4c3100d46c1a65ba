import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ServiceRequested, UnitOfWork, type Principal } from '#shared';
import { PiiCipher } from '../common/pii-cipher.js';
import { buildProfile } from '../common/profile.js';
import { ConsentsService } from '../consents/consents.service.js';
import { VictimLookupService } from '../victims/victim-lookup.service.js';
import { CONSENT_FOR_SERVICE } from './consent-purpose.js';
import type { CreateServiceRequestDto } from './dto/service-request.dto.js';
import { ServiceRequest } from './service-request.entity.js';
import { serviceRequestErrors } from './service-requests.errors.js';
import { ServiceRequestsRepository } from './service-requests.repository.js';

@Injectable()
export class ServiceRequestsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lookup: VictimLookupService,
    private readonly consents: ConsentsService,
    private readonly cipher: PiiCipher,
    private readonly repository: ServiceRequestsRepository,
  ) {}

  /**
   * Requests a service for the victim, only with the victim's consent in force for it (R-3.3, R-3.4,
   * The victim row is locked, so a withdrawal recorded at the same moment is either
   * seen or comes after. `service.requested` carries the victimRef and the minimum profile a provider
   * needs, never a name.
   */
  // @clause a service is requested only with the victim's consent in force for it
  async request(victimRef: string, dto: CreateServiceRequestDto, user: Principal): Promise<ServiceRequest> {
    return this.uow.run(async (tx) => {
      const { victim, referral } = await this.lookup.forActor(victimRef, user, tx.em, true);
      const purpose = CONSENT_FOR_SERVICE[dto.service];
      const consent = await this.consents.inForce(tx.em, victim.id, purpose);
      if (!consent?.granted) {
        throw serviceRequestErrors.error(
          'consent-required',
          `A ${dto.service} request needs the victim's current ${purpose} consent`,
        );
      }
      const now = new Date();
      const request = Object.assign(new ServiceRequest(), {
        id: randomUUID(),
        victimId: victim.id,
        referralId: referral.id,
        service: dto.service,
        consentId: consent.id,
        region: dto.region ?? referral.region,
        requestedBy: user.sub,
        requestedByOrg: user.org,
        requestedAt: now,
      });
      await this.repository.insert(tx.em, request);
      // The age is computed here from the encrypted birth date; only the age and band leave.
      const dateOfBirth = this.cipher.decryptOptional(victim.dateOfBirthEnc, victim.id, 'dateOfBirth');
      tx.publish(
        ServiceRequested,
        {
          requestId: request.id,
          victimRef,
          caseNumber: referral.caseNumber,
          service: dto.service,
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
          referringOrg: referral.reportingOrg,
          requestedAt: now.toISOString(),
        },
        { aggregateId: referral.id },
      );
      return request;
    });
  }
}
