import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateOrganisationDto } from './dto/create-organisation.dto.js';
import { Organisation } from './organisation.entity.js';
import { organisationErrors } from './organisations.errors.js';

@Injectable()
export class OrganisationsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(dto: CreateOrganisationDto): Promise<Organisation> {
    const rows: Organisation[] = await this.dataSource.query(
      `INSERT INTO "referral".organisations (code, name, kind) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO NOTHING RETURNING code, name, kind, created_at AS "createdAt"`,
      [dto.code, dto.name, dto.kind],
    );
    const row = rows[0];
    if (!row) throw organisationErrors.error('organisation-exists', `Organisation ${dto.code} already exists`);
    return Object.assign(new Organisation(), row);
  }

  list(): Promise<Organisation[]> {
    return this.dataSource.getRepository(Organisation).find({ order: { code: 'ASC' } });
  }

  /** Whether the organisation is known (a token's `org` must be one to report). */
  async exists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(Organisation).exists({ where: { code } });
  }
}
