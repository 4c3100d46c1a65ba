import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '#shared';
import { VictimLookupService } from '../victims/victim-lookup.service.js';
import type { CreateLegalAidProviderDto } from './dto/legal-aid-provider.dto.js';
import { LegalAidProvider } from './legal-aid-provider.entity.js';
import { RightsInformation } from './rights-information.entity.js';
import { rightsErrors } from './rights.errors.js';

@Injectable()
export class RightsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: VictimLookupService,
  ) {}

  async addProvider(dto: CreateLegalAidProviderDto): Promise<LegalAidProvider> {
    const provider = Object.assign(new LegalAidProvider(), {
      id: randomUUID(),
      name: dto.name,
      region: dto.region,
      languages: dto.languages.map((l) => l.toLowerCase()),
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      website: dto.website ?? null,
      active: true,
      createdAt: new Date(),
    });
    await this.dataSource.getRepository(LegalAidProvider).insert(provider);
    return provider;
  }

  /** The directory of free legal aid providers, optionally by region or language. */
  providers(filter: { region?: string; language?: string }): Promise<LegalAidProvider[]> {
    const qb = this.dataSource.getRepository(LegalAidProvider).createQueryBuilder('p').where('p.active = true');
    if (filter.region) qb.andWhere('p.region = :region', { region: filter.region });
    if (filter.language) qb.andWhere(':language = ANY(p.languages)', { language: filter.language.toLowerCase() });
    return qb.orderBy('p.region').addOrderBy('p.name').getMany();
  }

  /** records that the victim was informed of free legal aid and its providers. */
  async recordInformed(victimRef: string, providerId: string, language: string, user: Principal): Promise<RightsInformation> {
    const { victim } = await this.lookup.forActor(victimRef, user);
    const provider = await this.dataSource.getRepository(LegalAidProvider).findOne({ where: { id: providerId, active: true } });
    if (!provider) throw rightsErrors.error('legal-aid-provider-unknown', 'No active legal aid provider has this id');
    const record = Object.assign(new RightsInformation(), {
      id: randomUUID(),
      victimId: victim.id,
      providerId,
      language: language.toLowerCase(),
      informedBy: user.sub,
      informedByOrg: user.org,
      informedAt: new Date(),
    });
    await this.dataSource.getRepository(RightsInformation).insert(record);
    return record;
  }

  async informed(victimRef: string, user: Principal): Promise<RightsInformation[]> {
    const { victim } = await this.lookup.forActor(victimRef, user);
    return this.dataSource.getRepository(RightsInformation).find({ where: { victimId: victim.id }, order: { informedAt: 'ASC' } });
  }
}
