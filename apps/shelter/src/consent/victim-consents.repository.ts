import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The latest consent decision per victim and purpose (a view of the referral service's register). */
@Injectable()
export class VictimConsentsRepository {
  /**
   * Records a decision unless a later one is already known: events may arrive out of order (a retried
   * or redelivered withdrawal after the consent given since). Decisions are ordered by when they were
   * recorded, then by event id, the same way whatever order they arrive in. Returns whether this
   * decision is now the one in force (false: an older one, which must have no effect).
   */
  async record(
    em: EntityManager,
    c: { victimRef: string; purpose: string; granted: boolean; recordedAt: Date; eventId: string },
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO "shelter".victim_consents AS vc (victim_ref, purpose, granted, recorded_at, event_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (victim_ref, purpose) DO UPDATE
         SET granted = excluded.granted, recorded_at = excluded.recorded_at, event_id = excluded.event_id
        WHERE (vc.recorded_at, coalesce(vc.event_id, '00000000-0000-0000-0000-000000000000'))
            < (excluded.recorded_at, excluded.event_id)
       RETURNING 1`,
      [c.victimRef, c.purpose, c.granted, c.recordedAt, c.eventId],
    );
    return rows.length > 0;
  }

  /**
   * When the victim's consent for `purpose` in force was given, or null when the latest decision is a
   * refusal or withdrawal, or none is known (default: not granted). The row is share-locked, so a
   * withdrawal arriving now waits until the caller's transaction commits, then sees what it did.
   */
  async grantedAt(em: EntityManager, victimRef: string, purpose: string): Promise<Date | null> {
    const rows: { recordedAt: Date }[] = await em.query(
      `SELECT recorded_at AS "recordedAt" FROM "shelter".victim_consents
        WHERE victim_ref = $1 AND purpose = $2 AND granted FOR SHARE`,
      [victimRef, purpose],
    );
    return rows[0]?.recordedAt ?? null;
  }

  /** Whether the victim's latest decision for `purpose` is a withdrawal made after `since`. */
  async withdrawnSince(em: EntityManager, victimRef: string, purpose: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM "shelter".victim_consents
        WHERE victim_ref = $1 AND purpose = $2 AND NOT granted AND recorded_at > $3`,
      [victimRef, purpose, since],
    );
    return rows.length > 0;
  }
}
