import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { commonErrors } from '#shared';
import type { ReferralStatus } from '../common/vocabulary.js';
import { canTransition } from './referral-state.js';
import type { Referral } from './referral.entity.js';
import { ReferralsRepository } from './referrals.repository.js';

/**
 * The one path of a referral's status changes: the handover's request, acceptance and decision and the
 * closing all move a referral through here, so every change is checked against the state machine
 * (referral-state.ts) and written the same way. The caller holds the row lock and writes the event
 * in the same transaction. The deadline monitor changes no status: it marks referrals whose status
 * is one of AWAITING_HANDOVER.
 */
@Injectable()
export class ReferralTransitions {
  constructor(private readonly referrals: ReferralsRepository) {}

  /** Throws `409 illegal-transition` unless the referral may become `to`. */
  assertCan(referral: Referral, to: ReferralStatus): void {
    if (!canTransition(referral.status, to)) {
      throw commonErrors.error(
        'illegal-transition',
        `A referral in status ${referral.status} cannot become ${to}`,
      );
    }
  }

  /** Moves a locked referral to `to`, with the fields that step records. */
  async move(
    em: EntityManager,
    referral: Referral,
    to: ReferralStatus,
    fields: Omit<Partial<Referral>, 'status'> = {},
  ): Promise<void> {
    this.assertCan(referral, to);
    await this.referrals.update(em, referral.id, { ...fields, status: to });
  }
}
