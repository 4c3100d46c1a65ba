import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Every query on `notification.victim_disclosures` (the R-5 view). */
@Injectable()
export class DisclosureRepository {
  /** Records an assessment unless a later one is already known (events may arrive out of order). */
  async record(
    em: EntityManager,
    a: { victimRef: string; restrictDisclosure: boolean; riskLevel: string; assessedAt: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO "notification".victim_disclosures (victim_ref, restrict_disclosure, risk_level, assessed_at, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (victim_ref) DO UPDATE
         SET restrict_disclosure = excluded.restrict_disclosure, risk_level = excluded.risk_level,
             assessed_at = excluded.assessed_at, updated_at = now()
       WHERE "notification".victim_disclosures.assessed_at <= excluded.assessed_at`,
      [a.victimRef, a.restrictDisclosure, a.riskLevel, a.assessedAt],
    );
  }

  /** The victims, among `victimRefs`, whose disclosure is restricted now. */
  async restricted(em: EntityManager, victimRefs: string[]): Promise<Set<string>> {
    if (victimRefs.length === 0) return new Set();
    const rows = await em.query<{ victim_ref: string }[]>(
      `SELECT victim_ref FROM "notification".victim_disclosures WHERE victim_ref = ANY($1) AND restrict_disclosure`,
      [victimRefs],
    );
    return new Set(rows.map((r) => r.victim_ref));
  }
}
