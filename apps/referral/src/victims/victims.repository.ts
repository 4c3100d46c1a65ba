import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Referral } from '../referrals/referral.entity.js';
import { Victim } from '../referrals/victim.entity.js';
import { AccessLogEntry } from './access-log-entry.entity.js';

export interface VictimWithReferral {
  victim: Victim;
  referral: Referral;
  /** The victim's data key wrapped by the key ring; null once erased, or for a row not yet re-keyed. */
  wrappedKey: string | null;
}

@Injectable()
export class VictimsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The victim and its referral; with `lock`, the victim row is locked (serialises consent changes and requests). */
  async findByRef(
    victimRef: string,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<VictimWithReferral | undefined> {
    const victim = await em
      .getRepository(Victim)
      .findOne({ where: { victimRef }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!victim) return undefined;
    const referral = await em.getRepository(Referral).findOne({ where: { victimId: victim.id } });
    if (!referral) return undefined;
    const keys: { wrappedKey: string }[] = await em.query(
      `SELECT wrapped_key AS "wrappedKey" FROM "referral".victim_keys WHERE victim_id = $1`,
      [victim.id],
    );
    return { victim, referral, wrappedKey: keys[0]?.wrappedKey ?? null };
  }

  async facilityMayRead(victimRef: string, facilityCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "referral".facility_access WHERE victim_ref = $1 AND facility_code = $2`,
      [victimRef, facilityCode],
    );
    return rows.length > 0;
  }

  async grantFacility(
    em: EntityManager,
    victimRef: string,
    facilityCode: string,
    placementId: string,
  ): Promise<void> {
    await em.query(
      `INSERT INTO "referral".facility_access (victim_ref, facility_code, placement_id) VALUES ($1, $2, $3)
       ON CONFLICT (victim_ref, facility_code) DO UPDATE SET placement_id = EXCLUDED.placement_id`,
      [victimRef, facilityCode, placementId],
    );
  }

  /** Ends a facility's access when the placement it came from ends (declined or discharged). */
  async revokeFacility(
    em: EntityManager,
    victimRef: string,
    facilityCode: string,
    placementId: string,
  ): Promise<void> {
    await em.query(
      `DELETE FROM "referral".facility_access WHERE victim_ref = $1 AND facility_code = $2 AND placement_id = $3`,
      [victimRef, facilityCode, placementId],
    );
  }

  async logAccess(entry: Omit<AccessLogEntry, 'id' | 'accessedAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "referral".access_log (victim_id, actor_sub, actor_role, actor_org, fields, purpose, outcome)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7)`,
      [
        entry.victimId,
        entry.actorSub,
        entry.actorRole,
        entry.actorOrg,
        entry.fields,
        entry.purpose,
        entry.outcome,
      ],
    );
  }

  accessLog(victimId: string): Promise<AccessLogEntry[]> {
    return this.dataSource
      .getRepository(AccessLogEntry)
      .find({ where: { victimId }, order: { id: 'ASC' }, take: 1000 });
  }
}
