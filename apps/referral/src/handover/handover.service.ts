import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  commonErrors,
  LOGGER,
  ReferralDeadlineBreached,
  ReferralHandedOver,
  ReferralHandoverRequested,
  UnitOfWork,
  VictimIdentified,
  type Principal,
  type Transaction,
  SPECIAL_POLICE_UNIT,
} from '#shared';
import { ReferralMetrics } from '../common/referral-metrics.js';
import { canViewReferral, isDutyOfficer, isReportingOfficer } from '../referrals/referral-access.js';
import { ReferralTransitions } from '../referrals/referral-transitions.js';
import { handoverRefusal } from './handover-refusal.js';
import type { Referral } from '../referrals/referral.entity.js';
import { ReferralsRepository } from '../referrals/referrals.repository.js';
import { RosterService } from '../roster/roster.service.js';
import type { DecisionOutcome, RequestHandoverDto } from './dto/handover.dto.js';
import type { HandoverAttempt } from './handover-attempt.entity.js';
import { HandoverRepository } from './handover.repository.js';
import { handoverErrors } from './handover.errors.js';

/** Why a handover was refused; stored with the attempt. */

@Injectable()
export class HandoverService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly referrals: ReferralsRepository,
    private readonly attempts: HandoverRepository,
    private readonly roster: RosterService,
    private readonly metrics: ReferralMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly transitions: ReferralTransitions,
  ) {}

  /**
   * Requests the handover of a presumed victim to the special police unit's duty officer.
   * only `MIA-SPU` and only the officer on duty now may receive it.: any other police or
   * law-enforcement body (or anyone else) is refused; the refused attempt is recorded and the referral
   * is left unchanged.
   */
  // @clause the handover to the special police unit is requested, and a refused attempt is recorded without touching the referral
  async request(referralId: string, dto: RequestHandoverDto, user: Principal): Promise<Referral> {
    const result = await this.uow.run(async (tx) => {
      const referral = await this.lockVisible(tx, referralId, user);
      if (!isReportingOfficer(referral, user))
        throw commonErrors.error('forbidden', 'Only the reporting agency may hand over its referral');
      const refusal = handoverRefusal(dto.toOrg, dto.toOfficerId, await this.roster.current(tx.em));
      const attempt = {
        referralId,
        requestedBy: user.sub,
        requestedByOrg: user.org,
        toOrg: dto.toOrg,
        toOfficerId: dto.toOfficerId,
      };
      if (refusal) {
        // Commit only the record of the refused attempt; the referral is not touched.
        await this.attempts.record(tx.em, { ...attempt, outcome: 'refused', reason: refusal });
        return { refusal };
      }
      const now = new Date();
      await this.transitions.move(tx.em, referral, 'handover_pending', {
        handoverToOfficer: dto.toOfficerId,
        handoverRequestedAt: now,
      });
      await this.attempts.record(tx.em, { ...attempt, outcome: 'requested', reason: null });
      tx.publish(
        ReferralHandoverRequested,
        {
          referralId,
          caseNumber: referral.caseNumber,
          victimRef: referral.victimRef,
          toOrg: SPECIAL_POLICE_UNIT,
          toOfficerId: dto.toOfficerId,
          handoverDueAt: referral.handoverDueAt.toISOString(),
          requestedByOrg: user.org,
        },
        { aggregateId: referralId },
      );
      return { refusal: undefined };
    });
    if (result.refusal) {
      this.metrics.handoverRefused.inc({ reason: result.refusal });
      this.logger.warn(
        { referralId, toOrg: dto.toOrg, reason: result.refusal, by: user.sub },
        'handover refused',
      );
      throw handoverErrors.error(
        'handover-recipient-not-allowed',
        result.refusal === 'not_special_police_unit'
          ? `A handover may go only to ${SPECIAL_POLICE_UNIT}, never to another police or law-enforcement body (R-4.4, R-4.5)`
          : 'A handover may go only to the duty officer of the special police unit on duty now (R-4.4)',
      );
    }
    return (await this.referrals.findById(referralId))!;
  }

  /** The duty officer the handover was made to accepts it; acceptance after handoverDueAt is a breach. */
  async accept(referralId: string, user: Principal, documentsDelivered: string[] = []): Promise<Referral> {
    if (!isDutyOfficer(user))
      throw commonErrors.error(
        'forbidden',
        'Only the special police unit duty officer accepts handovers (R-4.4)',
      );
    await this.uow.run(async (tx) => {
      const referral = await this.lockVisible(tx, referralId, user);
      this.transitions.assertCan(referral, 'handed_over');
      // @clause only the officer the handover was made to completes it
      // the handover is completed only by the officer it was made to.
      if (referral.handoverToOfficer !== user.sub) {
        throw commonErrors.error('forbidden', 'This handover was made to another duty officer');
      }
      const now = new Date();
      // @clause a handover completed after handoverDueAt is recorded as a breach
      const late = now.getTime() > referral.handoverDueAt.getTime();
      const newlyBreached = late && referral.breachedAt === null;
      // @clause the handover records the documents delivered with the person
      await this.transitions.move(tx.em, referral, 'handed_over', {
        handedOverAt: now,
        handoverLate: late,
        handoverDocuments: documentsDelivered,
        ...(newlyBreached ? { breachedAt: now } : {}),
      });
      const common = {
        referralId,
        caseNumber: referral.caseNumber,
        victimRef: referral.victimRef,
        handoverDueAt: referral.handoverDueAt.toISOString(),
      };
      tx.publish(
        ReferralHandedOver,
        { ...common, officerId: user.sub, handedOverAt: now.toISOString(), late },
        { aggregateId: referralId },
      );
      // a late handover is a breach; announced once, here or by the deadline monitor, whichever
      // records it first (both under the referral's row lock).
      if (newlyBreached)
        tx.publish(
          ReferralDeadlineBreached,
          { ...common, reportingOrg: referral.reportingOrg },
          { aggregateId: referralId },
        );
    });
    return (await this.referrals.findById(referralId))!;
  }

  /** The special police unit decides whether the person is a victim. */
  async decide(referralId: string, outcome: DecisionOutcome, user: Principal): Promise<Referral> {
    if (!isDutyOfficer(user))
      throw commonErrors.error('forbidden', 'Only the special police unit decides identification');
    await this.uow.run(async (tx) => {
      const referral = await this.lockVisible(tx, referralId, user);
      const now = new Date();
      await this.transitions.move(tx.em, referral, outcome, {
        decidedAt: now,
        decidedBy: user.sub,
      });
      tx.publish(
        VictimIdentified,
        {
          referralId,
          caseNumber: referral.caseNumber,
          victimRef: referral.victimRef,
          outcome,
          decidedAt: now.toISOString(),
        },
        { aggregateId: referralId },
      );
    });
    return (await this.referrals.findById(referralId))!;
  }

  async listAttempts(referralId: string, user: Principal): Promise<HandoverAttempt[]> {
    const referral = await this.referrals.findById(referralId);
    if (!referral || !canViewReferral(referral, user))
      throw commonErrors.error('not-found', 'No such referral');
    return this.attempts.attempts(referralId);
  }

  private async lockVisible(tx: Transaction, referralId: string, user: Principal): Promise<Referral> {
    const referral = await this.referrals.lockById(tx.em, referralId);
    if (!referral || !canViewReferral(referral, user))
      throw commonErrors.error('not-found', 'No such referral');
    return referral;
  }
}
