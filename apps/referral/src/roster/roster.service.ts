import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { commonErrors, type FieldProblem, type Principal, isExclusionViolation } from '#shared';
import type { PutDutyRosterDto } from './dto/put-duty-roster.dto.js';
import { DutyShift } from './duty-shift.entity.js';
import { rosterErrors } from './roster.errors.js';
import { RosterRepository } from './roster.repository.js';

@Injectable()
export class RosterService {
  constructor(private readonly repository: RosterRepository) {}

  /** Replaces the shifts overlapping the period the new shifts span, in one serialised transaction. */
  async replace(dto: PutDutyRosterDto, by: Principal): Promise<DutyShift[]> {
    const shifts = dto.shifts
      .map((s, index) => ({
        index,
        officerId: s.officerId,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
      }))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const problems: FieldProblem[] = [];
    for (const s of shifts) {
      if (s.endsAt <= s.startsAt)
        problems.push({ field: `shifts[${s.index}].endsAt`, message: 'must be after startsAt' });
    }
    for (let i = 1; i < shifts.length; i++) {
      if (shifts[i].startsAt < shifts[i - 1].endsAt)
        problems.push({ field: `shifts[${shifts[i].index}].startsAt`, message: 'overlaps another shift' });
    }
    if (problems.length)
      throw commonErrors.error('validation-failed', 'The roster has invalid shifts', problems);
    const from = shifts[0].startsAt;
    const to = shifts.reduce((max, s) => (s.endsAt > max ? s.endsAt : max), shifts[0].endsAt);

    const rows = shifts.map((s) =>
      Object.assign(new DutyShift(), {
        id: randomUUID(),
        officerId: s.officerId,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        createdBy: by.sub,
      }),
    );
    try {
      await this.repository.serialised((em) => this.repository.replaceWithin(em, from, to, rows));
      return rows;
    } catch (err) {
      if (isExclusionViolation(err))
        throw rosterErrors.error('roster-overlap', 'The shifts overlap stored shifts');
      throw err;
    }
  }

  /** The shift covering now, if any; in the caller's transaction when given one. */
  current(em?: EntityManager): Promise<DutyShift | undefined> {
    return this.repository.current(em);
  }

  async requireCurrent(): Promise<DutyShift> {
    const shift = await this.current();
    if (!shift)
      throw rosterErrors.error('no-officer-on-duty', 'No shift of the duty roster covers the present time');
    return shift;
  }
}
