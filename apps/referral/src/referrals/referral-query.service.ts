import { Injectable } from '@nestjs/common';
import { commonErrors, type Principal } from '#shared';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import type { ReferralStatus } from '../common/vocabulary.js';
import { dueWithinSeconds } from './dto/list-referrals.query.js';
import type { Referral } from './referral.entity.js';
import { canViewReferral, seesAllReferrals } from './referral-access.js';
import { ReferralsRepository } from './referrals.repository.js';

export interface ReferralStatistics {
  year: number;
  total: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  deadlineBreached: number;
  handedOverLate: number;
  likelyDuplicates: number;
}

export interface ReferralPage {
  items: Referral[];
  nextCursor: string | null;
}

@Injectable()
export class ReferralQueryService {
  constructor(private readonly repository: ReferralsRepository) {}

  findById(id: string): Promise<Referral | null> {
    return this.repository.findById(id);
  }

  /** A referral the caller may see; another agency's referral is answered as not found. */
  async get(id: string, user: Principal): Promise<Referral> {
    const referral = await this.repository.findById(id);
    if (!referral || !canViewReferral(referral, user))
      throw commonErrors.error('not-found', 'No such referral');
    return referral;
  }

  /** Yearly counts for the coordinator: aggregates only, nothing about a person or a case. */
  // @clause yearly counts for the commission's review, nothing about a person or a case
  async statistics(year: number): Promise<ReferralStatistics> {
    const rows = await this.repository.yearCounts(year);
    const out: ReferralStatistics = {
      year,
      total: 0,
      byStatus: {},
      byKind: {},
      deadlineBreached: 0,
      handedOverLate: 0,
      likelyDuplicates: 0,
    };
    for (const r of rows) {
      out.total += r.n;
      out.byStatus[r.status] = (out.byStatus[r.status] ?? 0) + r.n;
      out.byKind[r.kind] = (out.byKind[r.kind] ?? 0) + r.n;
      out.deadlineBreached += r.breached;
      out.handedOverLate += r.late;
      out.likelyDuplicates += r.duplicates;
    }
    return out;
  }

  async list(
    q: {
      status?: ReferralStatus;
      overdue?: boolean;
      cursor?: string;
      limit?: number;
      sort?: 'createdAt' | 'handoverDueAt';
      dueWithin?: string;
    },
    user: Principal,
  ): Promise<ReferralPage> {
    const limit = q.limit ?? 20;
    const after = q.cursor !== undefined ? decodeCursor(q.cursor) : undefined;
    if (q.cursor !== undefined && !after) {
      throw commonErrors.error('validation-failed', 'Invalid cursor', [
        { field: 'cursor', message: 'is not a cursor from this API' },
      ]);
    }
    const dueWithin = q.dueWithin !== undefined ? dueWithinSeconds(q.dueWithin) : undefined;
    if (q.dueWithin !== undefined && dueWithin === undefined) {
      throw commonErrors.error('validation-failed', 'Invalid dueWithin', [
        { field: 'dueWithin', message: 'must be an ISO 8601 duration of at most P30D' },
      ]);
    }
    const byDue = q.sort === 'handoverDueAt';
    const rows = await this.repository.page({
      sort: byDue ? 'handoverDueAt' : 'createdAt',
      dueWithinSeconds: dueWithin,
      reportingOrg: seesAllReferrals(user) ? undefined : user.org,
      status: q.status,
      overdue: q.overdue,
      after,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({
              createdAt: (byDue ? last.handoverDueAt : last.createdAt).toISOString(),
              id: last.id,
            })
          : null,
    };
  }
}
