import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AWAITING_HANDOVER_SQL } from '../referrals/referral-state.js';

export interface DueReferral {
  id: string;
  caseNumber: string;
  victimRef: string;
  handoverDueAt: Date;
  reportingOrg: string;
}

const RETURNING = `RETURNING r.id, r.case_number AS "caseNumber", r.victim_ref AS "victimRef", r.handover_due_at AS "handoverDueAt", r.reporting_org AS "reportingOrg"`;

/**
 * Marks due referrals. Each statement reads only its partial index (rows not yet marked and still
 * awaiting handover), so the cost follows the number of due referrals, not the table. Rows
 * locked by another instance (or by an acceptance in progress) are skipped, and a row is marked in the
 * same transaction that writes its event: one event per referral, whatever the number of instances.
 */
@Injectable()
export class DeadlinesRepository {
  /** SQL of the breach scan (exported for the plan test). */
  static readonly BREACH_SQL = `
    WITH due AS (
      SELECT id FROM "referral".referrals
       WHERE breached_at IS NULL AND status IN (${AWAITING_HANDOVER_SQL}) AND handover_due_at <= $1
       ORDER BY handover_due_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED
    )
    UPDATE "referral".referrals r
       -- a referral already past its deadline no longer gets an "approaching" warning
       SET breached_at = $1, approaching_notified_at = coalesce(r.approaching_notified_at, $1), updated_at = now()
      FROM due WHERE r.id = due.id
    ${RETURNING}`;

  static readonly APPROACHING_SQL = `
    WITH due AS (
      SELECT id FROM "referral".referrals
       WHERE approaching_notified_at IS NULL AND status IN (${AWAITING_HANDOVER_SQL}) AND handover_due_at <= $1::timestamptz + $3::interval
       ORDER BY handover_due_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED
    )
    UPDATE "referral".referrals r SET approaching_notified_at = $1, updated_at = now()
      FROM due WHERE r.id = due.id
    ${RETURNING}`;

  async markBreached(em: EntityManager, now: Date, limit: number): Promise<DueReferral[]> {
    const [rows] = await em.query<[DueReferral[], number]>(DeadlinesRepository.BREACH_SQL, [now, limit]);
    return rows;
  }

  async markApproaching(
    em: EntityManager,
    now: Date,
    leadMinutes: number,
    limit: number,
  ): Promise<DueReferral[]> {
    const [rows] = await em.query<[DueReferral[], number]>(DeadlinesRepository.APPROACHING_SQL, [
      now,
      limit,
      `${leadMinutes} minutes`,
    ]);
    return rows;
  }
}
