import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The facts of `referral.reported` (v1, and the categories v2 adds). */
export interface ReportedFacts {
  victimRef: string;
  referralId: string;
  kind: string;
  identifiedAt: Date;
  sex: string;
  ageBand: string;
  age: number | null;
  child: boolean;
  region: string;
  reportingOrg: string;
  /** Absent from v1 events: stays unknown. */
  citizenship: string | null;
  exploitation: string[] | null;
  reportingBodyKind: string | null;
}

/**
 * Every write of the read model. Each statement is an upsert keyed by the aggregate (victimRef,
 * placementId, requestId, payoutId) that sets values (never increments), guarded by the `occurredAt`
 * of the event that last set the same facts: replaying any subset of the events, in any order, leaves
 * the same rows.
 */
@Injectable()
export class ReadModelRepository {
  async reported(em: EntityManager, f: ReportedFacts, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".victims AS v (victim_ref, referral_id, kind, identified_at, year, sex, age_band, age, child, region,
                                           reporting_org, citizenship, exploitation, reporting_body_kind, reported_event_at)
       VALUES ($1, $2, $3, $4, extract(year FROM $4::timestamptz AT TIME ZONE 'UTC')::int, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13, $14)
       ON CONFLICT (victim_ref) DO UPDATE SET
         referral_id = excluded.referral_id, kind = excluded.kind, identified_at = excluded.identified_at, year = excluded.year,
         sex = excluded.sex, age_band = excluded.age_band, age = excluded.age, child = excluded.child, region = excluded.region,
         reporting_org = excluded.reporting_org,
         -- a v1 copy of the report never erases what a v2 copy said
         citizenship = coalesce(excluded.citizenship, v.citizenship),
         exploitation = coalesce(excluded.exploitation, v.exploitation),
         reporting_body_kind = coalesce(excluded.reporting_body_kind, v.reporting_body_kind),
         reported_event_at = excluded.reported_event_at, updated_at = now()
       WHERE v.reported_event_at IS NULL OR v.reported_event_at <= excluded.reported_event_at`,
      [
        f.victimRef,
        f.referralId,
        f.kind,
        f.identifiedAt,
        f.sex,
        f.ageBand,
        f.age,
        f.child,
        f.region,
        f.reportingOrg,
        f.citizenship,
        f.exploitation,
        f.reportingBodyKind,
        at,
      ],
    );
  }

  async identified(em: EntityManager, victimRef: string, outcome: string, at: Date): Promise<void> {
    await this.setLatest(em, victimRef, { identification_outcome: outcome }, 'identification_event_at', at);
  }

  async handedOver(
    em: EntityManager,
    victimRef: string,
    handedOverAt: Date,
    late: boolean,
    at: Date,
  ): Promise<void> {
    await this.setLatest(
      em,
      victimRef,
      { handed_over_at: handedOverAt, handover_late: late },
      'handover_event_at',
      at,
    );
  }

  /** A breach is a fact once raised; a later late handover does not undo it. */
  async deadlineBreached(em: EntityManager, victimRef: string): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".victims AS v (victim_ref, deadline_breached) VALUES ($1, true)
       ON CONFLICT (victim_ref) DO UPDATE SET deadline_breached = true, updated_at = now() WHERE NOT v.deadline_breached`,
      [victimRef],
    );
  }

  async safety(em: EntityManager, victimRef: string, riskLevel: string, at: Date): Promise<void> {
    await this.setLatest(em, victimRef, { safety_risk_level: riskLevel }, 'safety_event_at', at);
  }

  async returnStatus(em: EntityManager, victimRef: string, status: string, at: Date): Promise<void> {
    await this.setLatest(em, victimRef, { return_status: status }, 'return_event_at', at);
  }

  /**
   * Sets one group of a victim's facts unless a later event already set them (`atColumn` holds the
   * `occurredAt` of the event that did). Column names are constants of this class, never input.
   */
  private async setLatest(
    em: EntityManager,
    victimRef: string,
    facts: Record<string, string | boolean | Date>,
    atColumn: string,
    at: Date,
  ): Promise<void> {
    const columns = [...Object.keys(facts), atColumn];
    const placeholders = columns.map((_, i) => `$${i + 2}`).join(', ');
    const updates = columns.map((c) => `${c} = excluded.${c}`).join(', ');
    await em.query(
      `INSERT INTO "reporting".victims AS v (victim_ref, ${columns.join(', ')}) VALUES ($1, ${placeholders})
       ON CONFLICT (victim_ref) DO UPDATE SET ${updates}, updated_at = now()
       WHERE v.${atColumn} IS NULL OR v.${atColumn} <= excluded.${atColumn}`,
      [victimRef, ...Object.values(facts), at],
    );
  }

  /** One column per step of a placement, each set once by its own event, whatever the order of arrival. */
  async placement(
    em: EntityManager,
    p: { placementId: string; victimRef: string; facilityId: string },
    step: 'admitted' | 'discharged' | 'declined',
    at: Date,
    reason?: string,
  ): Promise<void> {
    const column = { admitted: 'admitted_at', discharged: 'discharged_at', declined: 'declined_at' }[step];
    await em.query(
      `INSERT INTO "reporting".placements AS p (placement_id, victim_ref, facility_id, ${column}, decline_reason)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (placement_id) DO UPDATE SET ${column} = excluded.${column},
         decline_reason = coalesce(excluded.decline_reason, p.decline_reason), updated_at = now()
       WHERE p.${column} IS NULL`,
      [p.placementId, p.victimRef, p.facilityId, at, reason ?? null],
    );
  }

  /**
   * The request itself: its service and when. A copy published again (a declined request re-addressed
   * to another provider) puts it back to `requested`, unless a later answer is already known.
   */
  async serviceRequested(
    em: EntityManager,
    r: { requestId: string; victimRef: string; service: string; requestedAt: Date },
    at: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".service_requests AS r (request_id, victim_ref, service, requested_at, status, status_event_at)
       VALUES ($1, $2, $3, $4, 'requested', $5)
       ON CONFLICT (request_id) DO UPDATE SET
         service = coalesce(r.service, excluded.service), requested_at = coalesce(r.requested_at, excluded.requested_at),
         status = CASE WHEN r.status_event_at IS NULL OR r.status_event_at <= excluded.status_event_at THEN 'requested' ELSE r.status END,
         status_event_at = greatest(r.status_event_at, excluded.status_event_at), updated_at = now()`,
      [r.requestId, r.victimRef, r.service, r.requestedAt, at],
    );
  }

  /** The latest answer of the provider (or of the shelter service) wins, by the time of its event. */
  async serviceStatus(
    em: EntityManager,
    r: { requestId: string; victimRef: string; service?: string },
    status: string,
    at: Date,
    waitlistedReason?: string,
  ): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".service_requests AS r (request_id, victim_ref, service, status, status_event_at, waitlisted_reason)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (request_id) DO UPDATE SET status = excluded.status, status_event_at = excluded.status_event_at,
         service = coalesce(r.service, excluded.service),
         waitlisted_reason = coalesce(excluded.waitlisted_reason, r.waitlisted_reason), updated_at = now()
       WHERE r.status_event_at IS NULL OR r.status_event_at <= excluded.status_event_at`,
      [r.requestId, r.victimRef, r.service ?? null, status, at, waitlistedReason ?? null],
    );
  }

  /** A payout's latest state by the time of its event (a return after settlement wins over it). */
  async payout(
    em: EntityManager,
    p: { payoutId: string; claimId: string; victimRef: string; amountMinor: number; method: string },
    status: string,
    at: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".payouts AS p (payout_id, claim_id, victim_ref, amount_minor, method, status, status_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (payout_id) DO UPDATE SET status = excluded.status, status_event_at = excluded.status_event_at, updated_at = now()
       WHERE p.status_event_at <= excluded.status_event_at`,
      [p.payoutId, p.claimId, p.victimRef, p.amountMinor, p.method, status, at],
    );
  }

  /** A plan's measures as of its latest version (a copy of an older version changes nothing). */
  async plan(
    em: EntityManager,
    p: {
      planId: string;
      victimRef: string;
      version: number;
      status: string;
      measures: { domain: string; status: string }[];
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".plans AS p (plan_id, victim_ref, version, status, measures)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (plan_id) DO UPDATE SET version = excluded.version, status = excluded.status,
         measures = excluded.measures, updated_at = now()
       WHERE p.version <= excluded.version`,
      [p.planId, p.victimRef, p.version, p.status, JSON.stringify(p.measures)],
    );
  }

  /** An enrolment's latest status by the time of its change. */
  async enrolment(
    em: EntityManager,
    e: { enrolmentId: string; victimRef: string; leadMinistry: string; status: string },
    at: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".enrolments AS e (enrolment_id, victim_ref, lead_ministry, status, status_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (enrolment_id) DO UPDATE SET status = excluded.status, status_at = excluded.status_at, updated_at = now()
       WHERE e.status_at <= excluded.status_at`,
      [e.enrolmentId, e.victimRef, e.leadMinistry, e.status, at],
    );
  }

  /** A claim's sums as of its highest revision. */
  async claim(
    em: EntityManager,
    c: {
      claimId: string;
      victimRef: string;
      revision: number;
      awardedMinor: number;
      recoveredMinor: number;
      fundPaymentOrdered: boolean;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO "reporting".claims AS c (claim_id, victim_ref, revision, awarded_minor, recovered_minor, fund_payment_ordered)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (claim_id) DO UPDATE SET revision = excluded.revision, awarded_minor = excluded.awarded_minor,
         recovered_minor = excluded.recovered_minor, fund_payment_ordered = excluded.fund_payment_ordered, updated_at = now()
       WHERE c.revision <= excluded.revision`,
      [c.claimId, c.victimRef, c.revision, c.awardedMinor, c.recoveredMinor, c.fundPaymentOrdered],
    );
  }
}
