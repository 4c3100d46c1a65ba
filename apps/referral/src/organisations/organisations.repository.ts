import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Organisation, type OrganisationKind } from './organisation.entity.js';

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts an organisation; undefined when the code is taken (the primary key decides, not a prior read). */
  async insert(o: { code: string; name: string; kind: OrganisationKind }): Promise<Organisation | undefined> {
    const rows: Organisation[] = await this.dataSource.query(
      `INSERT INTO "referral".organisations (code, name, kind) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO NOTHING RETURNING code, name, kind, created_at AS "createdAt"`,
      [o.code, o.name, o.kind],
    );
    return rows[0] ? Object.assign(new Organisation(), rows[0]) : undefined;
  }

  async exists(code: string): Promise<boolean> {
    return (await this.dataSource.getRepository(Organisation).countBy({ code })) > 0;
  }

  all(): Promise<Organisation[]> {
    return this.dataSource.getRepository(Organisation).find({ order: { code: 'ASC' } });
  }
}
