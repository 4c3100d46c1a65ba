import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Facility } from './facility.entity.js';

/** Queries of facilities and their bed counters. */
@Injectable()
export class FacilitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Facility);
  }

  /** Inserts a facility; returns false if its code is taken (unique key, no racing pre-check). */
  async insert(facility: Facility): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO "shelter".facilities
         (id, code, name, kind, region, operator, funding_sources, capacity, accepts_sexes, accepts_children,
          min_age, max_age, languages, accessible)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [
        facility.id,
        facility.code,
        facility.name,
        facility.kind,
        facility.region,
        facility.operator,
        facility.fundingSources,
        facility.capacity,
        facility.acceptsSexes,
        facility.acceptsChildren,
        facility.minAge,
        facility.maxAge,
        facility.languages,
        facility.accessible,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Applies changes; a capacity below the beds occupied and held is refused atomically (the WHERE
   * re-checks under the row lock). Returns false when the facility does not exist or the capacity is
   * too small.
   */
  async update(
    id: string,
    changes: Partial<
      Pick<Facility, 'name' | 'capacity' | 'active' | 'languages' | 'accessible' | 'fundingSources'>
    >,
  ): Promise<boolean> {
    const columns: Record<string, string> = {
      name: 'name',
      capacity: 'capacity',
      active: 'active',
      languages: 'languages',
      accessible: 'accessible',
      fundingSources: 'funding_sources',
    };
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id];
    let guard = '';
    for (const [key, column] of Object.entries(columns)) {
      const value = (changes as Record<string, unknown>)[key];
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${params.length}`);
      if (key === 'capacity') guard = ` AND occupied + held <= $${params.length}`;
    }
    const [rows] = await this.dataSource.query(
      `UPDATE "shelter".facilities SET ${sets.join(', ')} WHERE id = $1${guard} RETURNING id`,
      params,
    );
    return (rows as unknown[]).length > 0;
  }

  findById(id: string, em?: EntityManager): Promise<Facility | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByCode(code: string): Promise<Facility | null> {
    return this.repo().findOneBy({ code });
  }

  list(filter: { kind?: string; region?: string }): Promise<Facility[]> {
    const where: Record<string, string> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.region) where.region = filter.region;
    return this.repo().find({ where, order: { code: 'ASC' }, take: 500 });
  }
}
