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

  /**
   * The victim, its referral and its wrapped data key, in one statement; with `lock`, the victim row
   * is locked (serialises consent changes and requests).
   */
  async findByRef(
    victimRef: string,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<VictimWithReferral | undefined> {
    const query = em
      .getRepository(Victim)
      .createQueryBuilder('v')
      .innerJoinAndMapOne('v.referral', Referral, 'r', 'r.victim_id = v.id')
      .addSelect(
        '(SELECT k.wrapped_key FROM "referral".victim_keys k WHERE k.victim_id = v.id)',
        'wrapped_key',
      )
      .where('v.victim_ref = :victimRef', { victimRef });
    if (lock) query.setLock('pessimistic_write', undefined, ['v']);
    const { entities, raw } = await query.getRawAndEntities<{ wrapped_key: string | null }>();
    const found = entities[0] as (Victim & { referral?: Referral }) | undefined;
    if (!found?.referral) return undefined;
    const { referral, ...rest } = found;
    const victim = Object.assign(new Victim(), rest);
    return { victim, referral, wrappedKey: raw[0]?.wrapped_key ?? null };
  }

  async facilityMayRead(victimRef: string, facilityCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "referral".facility_access WHERE victim_ref = $1 AND facility_code = $2 AND active LIMIT 1`,
      [victimRef, facilityCode],
    );
    return rows.length > 0;
  }

  /**
   * Grants (`active`) or ends a facility's access from one placement, as of the event that says so.
   * A revoke leaves a tombstone rather than deleting the row, and the row keeps the time and id of
   * the event that set it: an event that is not newer (by `occurredAt`, then event id) changes
   * nothing, so a retried, older grant cannot re-open what a newer revoke ended, nor an older revoke
   * end what a newer grant opened. Returns whether the event changed the row.
   */
  // @clause a facility's access ends with its placement, whatever order the events arrive in
  async applyFacilityAccess(
    em: EntityManager,
    a: {
      victimRef: string;
      facilityCode: string;
      placementId: string;
      active: boolean;
      eventAt: Date;
      eventId: string;
    },
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO "referral".facility_access AS fa (victim_ref, facility_code, placement_id, active, event_at, event_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (victim_ref, facility_code, placement_id) DO UPDATE
         SET active = excluded.active, event_at = excluded.event_at, event_id = excluded.event_id
       WHERE (fa.event_at, coalesce(fa.event_id, '00000000-0000-0000-0000-000000000000'))
           < (excluded.event_at, excluded.event_id)
       RETURNING 1`,
      [a.victimRef, a.facilityCode, a.placementId, a.active, a.eventAt, a.eventId],
    );
    return rows.length > 0;
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
