import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ConsentPurpose } from '#shared';
import { Consent } from './consent.entity.js';

@Injectable()
export class ConsentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, c: Omit<Consent, 'seq' | 'recordedAt'>): Promise<Consent> {
    const rows: { recordedAt: Date; seq: string }[] = await em.query(
      `INSERT INTO "referral".consents (id, victim_id, purpose, granted, recorded_by, recorded_by_org, given_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING recorded_at AS "recordedAt", seq`,
      [c.id, c.victimId, c.purpose, c.granted, c.recordedBy, c.recordedByOrg, c.givenBy],
    );
    return Object.assign(new Consent(), c, rows[0]);
  }

  /** The record in force for a purpose: the latest one. */
  latest(em: EntityManager, victimId: string, purpose: ConsentPurpose): Promise<Consent | null> {
    return em.getRepository(Consent).findOne({ where: { victimId, purpose }, order: { seq: 'DESC' } });
  }

  history(victimId: string): Promise<Consent[]> {
    return this.dataSource.getRepository(Consent).find({ where: { victimId }, order: { seq: 'ASC' } });
  }
}
