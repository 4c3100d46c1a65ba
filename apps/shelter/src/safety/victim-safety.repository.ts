import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The latest risk level and disclosure restriction per victim (a view of the referral service's assessments, R-5). */
@Injectable()
export class VictimSafetyRepository {
  /** Records an assessment unless a later one is already known (events may arrive out of order). */
  async record(
    em: EntityManager,
    s: { victimRef: string; riskLevel: string; restrictDisclosure: boolean; assessedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO "shelter".victim_safety (victim_ref, risk_level, restrict_disclosure, assessed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (victim_ref) DO UPDATE SET risk_level = excluded.risk_level,
         restrict_disclosure = excluded.restrict_disclosure, assessed_at = excluded.assessed_at
        WHERE excluded.assessed_at >= "shelter".victim_safety.assessed_at`,
      [s.victimRef, s.riskLevel, s.restrictDisclosure, s.assessedAt],
    );
  }
}
