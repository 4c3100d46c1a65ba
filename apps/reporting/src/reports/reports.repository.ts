import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ClaimFact,
  EnrolmentFact,
  PayoutFact,
  PlacementFact,
  PlanMeasureFact,
  ServiceRequestFact,
  VictimFact,
  YearFacts,
} from './facts.js';

/** Reads one year's facts from the read model (victims whose referral was identified that year). */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One snapshot: the reads run in one repeatable-read transaction, so the tables agree. */
  async yearFacts(year: number): Promise<YearFacts> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const victims: VictimFact[] = await em.query(
        `SELECT victim_ref AS "victimRef", kind, identified_at AS "identifiedAt", sex, age_band AS "ageBand", age, child,
                citizenship, exploitation, region, reporting_body_kind AS "reportingBodyKind",
                identification_outcome AS "identificationOutcome", handed_over_at AS "handedOverAt",
                handover_late AS "handoverLate", deadline_breached AS "deadlineBreached",
                safety_risk_level AS "safetyRiskLevel", return_status AS "returnStatus"
           FROM "reporting".victims WHERE year = $1`,
        [year],
      );
      const placements: PlacementFact[] = await em.query(
        `SELECT p.victim_ref AS "victimRef", p.admitted_at AS "admittedAt", p.discharged_at AS "dischargedAt", p.declined_at AS "declinedAt"
           FROM "reporting".placements p JOIN "reporting".victims v USING (victim_ref) WHERE v.year = $1`,
        [year],
      );
      const serviceRequests: ServiceRequestFact[] = await em.query(
        `SELECT r.victim_ref AS "victimRef", r.service, r.status
           FROM "reporting".service_requests r JOIN "reporting".victims v USING (victim_ref) WHERE v.year = $1`,
        [year],
      );
      const payouts: (Omit<PayoutFact, 'amountMinor'> & { amountMinor: string })[] = await em.query(
        `SELECT p.victim_ref AS "victimRef", p.amount_minor AS "amountMinor", p.method, p.status
           FROM "reporting".payouts p JOIN "reporting".victims v USING (victim_ref) WHERE v.year = $1`,
        [year],
      );
      const planMeasures: PlanMeasureFact[] = await em.query(
        `SELECT p.victim_ref AS "victimRef", m->>'domain' AS domain, m->>'status' AS status
           FROM "reporting".plans p JOIN "reporting".victims v USING (victim_ref)
           CROSS JOIN LATERAL jsonb_array_elements(p.measures) m WHERE v.year = $1`,
        [year],
      );
      const enrolments: EnrolmentFact[] = await em.query(
        `SELECT e.victim_ref AS "victimRef", e.lead_ministry AS "leadMinistry", e.status
           FROM "reporting".enrolments e JOIN "reporting".victims v USING (victim_ref) WHERE v.year = $1`,
        [year],
      );
      const claims: { victimRef: string; awardedMinor: string; recoveredMinor: string }[] = await em.query(
        `SELECT c.victim_ref AS "victimRef", c.awarded_minor AS "awardedMinor", c.recovered_minor AS "recoveredMinor"
           FROM "reporting".claims c JOIN "reporting".victims v USING (victim_ref) WHERE v.year = $1`,
        [year],
      );
      const [{ now }] = await em.query<[{ now: Date }]>(`SELECT now() AS now`);
      return {
        year,
        asOf: now,
        victims,
        placements,
        serviceRequests,
        payouts: payouts.map((p) => ({ ...p, amountMinor: Number(p.amountMinor) })),
        planMeasures,
        enrolments,
        claims: claims.map(
          (c): ClaimFact => ({
            victimRef: c.victimRef,
            awardedMinor: Number(c.awardedMinor),
            recoveredMinor: Number(c.recoveredMinor),
          }),
        ),
      };
    });
  }
}
