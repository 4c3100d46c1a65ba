import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HandoverAttempt } from './handover-attempt.entity.js';

export type NewAttempt = Omit<HandoverAttempt, 'id' | 'attemptedAt'>;

@Injectable()
export class HandoverRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(em: EntityManager, attempt: NewAttempt): Promise<void> {
    await em.query(
      `INSERT INTO "referral".handover_attempts (referral_id, requested_by, requested_by_org, to_org, to_officer_id, outcome, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        attempt.referralId,
        attempt.requestedBy,
        attempt.requestedByOrg,
        attempt.toOrg,
        attempt.toOfficerId,
        attempt.outcome,
        attempt.reason,
      ],
    );
  }

  attempts(referralId: string): Promise<HandoverAttempt[]> {
    return this.dataSource
      .getRepository(HandoverAttempt)
      .find({ where: { referralId }, order: { id: 'ASC' } });
  }
}
