import { isUniqueViolation } from '#shared';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '#shared';
import { VictimLookupService } from '../victims/victim-lookup.service.js';
import type { CreateLegalAidProviderDto } from './dto/legal-aid-provider.dto.js';
import { LegalAidProvider } from './legal-aid-provider.entity.js';
import { RightsInformation } from './rights-information.entity.js';
import { rightsErrors } from './rights.errors.js';
import { RightsRepository } from './rights.repository.js';

@Injectable()
export class RightsService {
  constructor(
    private readonly repository: RightsRepository,
    private readonly lookup: VictimLookupService,
  ) {}

  // @clause the directory of free legal aid providers
  async addProvider(dto: CreateLegalAidProviderDto): Promise<LegalAidProvider> {
    const provider = Object.assign(new LegalAidProvider(), {
      id: randomUUID(),
      name: dto.name,
      region: dto.region,
      languages: dto.languages.map((l) => l.toLowerCase()),
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      website: dto.website ?? null,
      orgCode: dto.orgCode ?? null,
      active: true,
      createdAt: new Date(),
    });
    try {
      await this.repository.insertProvider(provider);
    } catch (err) {
      if (isUniqueViolation(err))
        throw rightsErrors.error('legal-aid-org-taken', `orgCode ${dto.orgCode ?? ''} is taken`, [
          { field: 'orgCode', message: 'is used by another provider' },
        ]);
      throw err;
    }
    return provider;
  }

  /** The directory of free legal aid providers, optionally by region or language. */
  providers(filter: { region?: string; language?: string }): Promise<LegalAidProvider[]> {
    return this.repository.activeProviders({
      region: filter.region,
      language: filter.language?.toLowerCase(),
    });
  }

  /** The active directory entry whose staff sign in as `orgCode`, if any. */
  providerByOrg(orgCode: string): Promise<LegalAidProvider | null> {
    return this.repository.activeProviderByOrg(orgCode);
  }

  /** records that the victim was informed of free legal aid and its providers. */
  // @clause records that the victim was informed of free legal aid and its providers
  async recordInformed(
    victimRef: string,
    providerId: string,
    language: string,
    user: Principal,
  ): Promise<RightsInformation> {
    const { victim } = await this.lookup.forActor(victimRef, user);
    const provider = await this.repository.activeProvider(providerId);
    if (!provider)
      throw rightsErrors.error('legal-aid-provider-unknown', 'No active legal aid provider has this id');
    const record = Object.assign(new RightsInformation(), {
      id: randomUUID(),
      victimId: victim.id,
      providerId,
      language: language.toLowerCase(),
      informedBy: user.sub,
      informedByOrg: user.org,
      informedAt: new Date(),
    });
    await this.repository.insertInformation(record);
    return record;
  }

  async informed(victimRef: string, user: Principal): Promise<RightsInformation[]> {
    const { victim } = await this.lookup.forActor(victimRef, user);
    return this.repository.information(victim.id);
  }
}
