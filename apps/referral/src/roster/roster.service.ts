import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { commonErrors, type FieldProblem, type Principal } from '#shared';
import type { PutDutyRosterDto } from './dto/put-duty-roster.dto.js';
import { DutyShift } from './duty-shift.entity.js';
import { rosterErrors } from './roster.errors.js';

const ROSTER_LOCK = 'nrm.referral.duty-roster';

@Injectable()
export class RosterService {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the shifts overlapping the period the new shifts span, in one serialised transaction. */
  async replace(dto: PutDutyRosterDto, by: Principal): Promise<DutyShift[]> {
    const shifts = dto.shifts
      .map((s, index) => ({ index, officerId: s.officerId, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const problems: FieldProblem[] = [];
    for (const s of shifts) {
      if (s.endsAt <= s.startsAt) problems.push({ field: `shifts[${s.index}].endsAt`, message: 'must be after startsAt' });
    }
    for (let i = 1; i < shifts.length; i++) {
      if (shifts[i].startsAt < shifts[i - 1].endsAt) problems.push({ field: `shifts[${shifts[i].index}].startsAt`, message: 'overlaps another shift' });
    }
    if (problems.length) throw commonErrors.error('validation-failed', 'The roster has invalid shifts', problems);
    const from = shifts[0].startsAt;
    const to = shifts.reduce((max, s) => (s.endsAt > max ? s.endsAt : max), shifts[0].endsAt);

    try {
      return await this.dataSource.transaction(async (em) => {
        // Two roster updates at once would race on the exclusion constraint: take turns.
        await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ROSTER_LOCK]);
        await em.query(`DELETE FROM "referral".duty_shifts WHERE tstzrange(starts_at, ends_at) && tstzrange($1, $2)`, [from, to]);
        const rows = shifts.map((s) =>
          Object.assign(new DutyShift(), { id: randomUUID(), officerId: s.officerId, startsAt: s.startsAt, endsAt: s.endsAt, createdBy: by.sub }),
        );
        await em.getRepository(DutyShift).insert(rows);
        return rows;
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23P01') throw rosterErrors.error('roster-overlap', 'The shifts overlap stored shifts');
      throw err;
    }
  }

  /** The shift covering now, if any (the exclusion constraint allows at most one). */
  async current(em: EntityManager = this.dataSource.manager): Promise<DutyShift | undefined> {
    const rows: { id: string; officerId: string; startsAt: Date; endsAt: Date; createdBy: string; createdAt: Date }[] = await em.query(
      `SELECT id, officer_id AS "officerId", starts_at AS "startsAt", ends_at AS "endsAt", created_by AS "createdBy", created_at AS "createdAt"
         FROM "referral".duty_shifts WHERE tstzrange(starts_at, ends_at) @> now() LIMIT 1`,
    );
    return rows[0] ? Object.assign(new DutyShift(), rows[0]) : undefined;
  }

  async requireCurrent(): Promise<DutyShift> {
    const shift = await this.current();
    if (!shift) throw rosterErrors.error('no-officer-on-duty', 'No shift of the duty roster covers the present time');
    return shift;
  }
}
