import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DutyShift } from './duty-shift.entity.js';

const ROSTER_LOCK = 'nrm.referral.duty-roster';

@Injectable()
export class RosterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs a roster change alone: two updates at once would race on the exclusion constraint. */
  serialised<R>(work: (em: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ROSTER_LOCK]);
      return work(em);
    });
  }

  async replaceWithin(em: EntityManager, from: Date, to: Date, shifts: DutyShift[]): Promise<void> {
    await em.query(
      `DELETE FROM "referral".duty_shifts WHERE tstzrange(starts_at, ends_at) && tstzrange($1, $2)`,
      [from, to],
    );
    await em.getRepository(DutyShift).insert(shifts);
  }

  /** The shift covering now, if any (the exclusion constraint allows at most one); uses its GiST index. */
  async current(em: EntityManager = this.dataSource.manager): Promise<DutyShift | undefined> {
    const rows: DutyShift[] = await em.query(
      `SELECT id, officer_id AS "officerId", starts_at AS "startsAt", ends_at AS "endsAt", created_by AS "createdBy", created_at AS "createdAt"
         FROM "referral".duty_shifts WHERE tstzrange(starts_at, ends_at) @> now() LIMIT 1`,
    );
    return rows[0] ? Object.assign(new DutyShift(), rows[0]) : undefined;
  }
}
