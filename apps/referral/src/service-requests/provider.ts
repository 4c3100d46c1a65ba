import { Injectable } from '@nestjs/common';
import { commonErrors, MINISTRY_OF_HEALTH, type ServiceKind } from '#shared';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { RightsService } from '../rights/rights.service.js';
import { serviceRequestErrors } from './service-requests.errors.js';

/** Decides which body a service request is addressed to. */
@Injectable()
export class ProviderResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly rights: RightsService,
  ) {}

  /**
   * The provider of a request: `undefined` for shelter (the shelter service chooses the facility as it
   * places the victim), else the code of the body that is told of the request and answers it.
   */
  async providerFor(service: ServiceKind, named: string | undefined): Promise<string | undefined> {
    switch (service) {
      case 'shelter':
        if (named !== undefined)
          throw commonErrors.error('validation-failed', 'A shelter is chosen by the shelter service', [
            { field: 'providerOrg', message: 'must be absent for service shelter' },
          ]);
        return undefined;
      case 'medical':
        // @clause free medical aid is organised by the Ministry of Health unless another registered provider is named
        // The Ministry of Health organises free medical aid.
        if (named === undefined || named === MINISTRY_OF_HEALTH) return MINISTRY_OF_HEALTH;
        if (!(await this.organisations.exists(named)))
          throw serviceRequestErrors.error(
            'provider-not-allowed',
            'The named medical provider is not registered',
            [{ field: 'providerOrg', message: 'must be MOH or a registered organisation' }],
          );
        return named;
      case 'legal_aid':
        // @clause free legal aid comes from a provider of the legal-aid directory, named in the request
        if (named === undefined) throw required('a provider of the legal-aid directory (its orgCode)');
        if (!(await this.rights.providerByOrg(named)))
          throw serviceRequestErrors.error(
            'provider-not-allowed',
            'No active provider of the legal-aid directory has this organisation code',
            [{ field: 'providerOrg', message: 'must be the orgCode of an active legal-aid provider' }],
          );
        return named;
      case 'psychological':
      case 'rehabilitation':
        // @clause psychological aid and rehabilitation are addressed to a named assistance centre or NGO
        // Facility codes are the shelter service's: the referral service checks the form only.
        if (named === undefined) throw required('the code of an assistance centre or NGO');
        return named;
    }
  }
}

function required(what: string) {
  return commonErrors.error('validation-failed', 'The provider is required for this service', [
    { field: 'providerOrg', message: `must be ${what}` },
  ]);
}
