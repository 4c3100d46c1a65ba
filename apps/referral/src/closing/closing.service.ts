import { Injectable } from '@nestjs/common';
import { commonErrors, ReferralClosed, UnitOfWork, type CloseReason, type Principal } from '#shared';
import { isDutyOfficer } from '../referrals/referral-access.js';
import { ReferralTransitions } from '../referrals/referral-transitions.js';
import type { Referral } from '../referrals/referral.entity.js';
import { ReferralsRepository } from '../referrals/referrals.repository.js';

/** Closing a case (R-1.3.2: from then the retention period of the victim's personal data runs). */
@Injectable()
export class ClosingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly referrals: ReferralsRepository,
    private readonly transitions: ReferralTransitions,
  ) {}

  async close(referralId: string, reason: CloseReason, user: Principal): Promise<Referral> {
    // @clause only the special police unit closes a case; the erasure of personal data is counted from then
    if (!isDutyOfficer(user))
      throw commonErrors.error('forbidden', 'Only the special police unit closes a case');
    await this.uow.run(async (tx) => {
      const referral = await this.referrals.lockById(tx.em, referralId);
      if (!referral) throw commonErrors.error('not-found', 'No such referral');
      const now = new Date();
      await this.transitions.move(tx.em, referral, 'closed', {
        statusBeforeClose: referral.status,
        closedAt: now,
        closedBy: user.sub,
        closeReason: reason,
      });
      tx.publish(
        ReferralClosed,
        {
          referralId,
          caseNumber: referral.caseNumber,
          victimRef: referral.victimRef,
          reason,
          closedAt: now.toISOString(),
        },
        { aggregateId: referralId },
      );
    });
    return (await this.referrals.findById(referralId))!;
  }
}
