import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LegalAidProvider } from './legal-aid-provider.entity.js';
import { RightsInformation } from './rights-information.entity.js';

@Injectable()
export class RightsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertProvider(p: LegalAidProvider): Promise<void> {
    await this.dataSource.getRepository(LegalAidProvider).insert(p);
  }

  activeProviders(filter: { region?: string; language?: string }): Promise<LegalAidProvider[]> {
    const qb = this.dataSource
      .getRepository(LegalAidProvider)
      .createQueryBuilder('p')
      .where('p.active = true');
    if (filter.region) qb.andWhere('p.region = :region', { region: filter.region });
    if (filter.language) qb.andWhere(':language = ANY(p.languages)', { language: filter.language });
    return qb.orderBy('p.region').addOrderBy('p.name').getMany();
  }

  activeProvider(id: string): Promise<LegalAidProvider | null> {
    return this.dataSource.getRepository(LegalAidProvider).findOne({ where: { id, active: true } });
  }

  activeProviderByOrg(orgCode: string): Promise<LegalAidProvider | null> {
    return this.dataSource.getRepository(LegalAidProvider).findOne({ where: { orgCode, active: true } });
  }

  async insertInformation(r: RightsInformation): Promise<void> {
    await this.dataSource.getRepository(RightsInformation).insert(r);
  }

  information(victimId: string): Promise<RightsInformation[]> {
    return this.dataSource
      .getRepository(RightsInformation)
      .find({ where: { victimId }, order: { informedAt: 'ASC' } });
  }
}
