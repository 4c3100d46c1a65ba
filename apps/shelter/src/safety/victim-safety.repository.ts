import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The latest risk level and disclosure restriction per victim (a view of the referral service's assessments, R-5). */
@Injectable()
export class VictimSafetyRepository {
  /**
   * Records an assessment unless a later one is already known (events may arrive out of order):
   * ordered by assessment time, then event id, whatever order they arrive in.
   */
  async record(
    em: EntityManager,
    s: {
      victimRef: string;
      riskLevel: string;
      restrictDisclosure: boolean;
      assessedAt: Date;
      eventId: string;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO "shelter".victim_safety AS vs (victim_ref, risk_level, restrict_disclosure, assessed_at, event_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (victim_ref) DO UPDATE SET risk_level = excluded.risk_level,
         restrict_disclosure = excluded.restrict_disclosure, assessed_at = excluded.assessed_at,
         event_id = excluded.event_id
        WHERE (vs.assessed_at, coalesce(vs.event_id, '00000000-0000-0000-0000-000000000000'))
            < (excluded.assessed_at, excluded.event_id)`,
      [s.victimRef, s.riskLevel, s.restrictDisclosure, s.assessedAt, s.eventId],
    );
  }
}
