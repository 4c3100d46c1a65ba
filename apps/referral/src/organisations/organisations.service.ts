import { Injectable } from '@nestjs/common';
import type { CreateOrganisationDto } from './dto/create-organisation.dto.js';
import type { Organisation } from './organisation.entity.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { organisationErrors } from './organisations.errors.js';

@Injectable()
export class OrganisationsService {
  constructor(private readonly repository: OrganisationsRepository) {}

  async create(dto: CreateOrganisationDto): Promise<Organisation> {
    const created = await this.repository.insert(dto);
    if (!created)
      throw organisationErrors.error('organisation-exists', `Organisation ${dto.code} already exists`);
    return created;
  }

  /** Whether an organisation with this code is registered (seeded commission bodies, NGOs added by admin). */
  exists(code: string): Promise<boolean> {
    return this.repository.exists(code);
  }

  list(): Promise<Organisation[]> {
    return this.repository.all();
  }
}
