import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '#shared';
import { PaymentDataAccess } from './payment-data-access.entity.js';

/** Records who read beneficiaries' payment data, and what (R-1.3.2: confidentiality). */
@Injectable()
export class PaymentDataAccessLog {
  async record(
    em: EntityManager,
    kind: PaymentDataAccess['subjectKind'],
    subjectId: string,
    user: Principal,
  ): Promise<void> {
    await em
      .getRepository(PaymentDataAccess)
      .insert({ subjectKind: kind, subjectId, actor: user.sub, actorRole: user.role, actorOrg: user.org });
  }

  /** Who read the payment data of a payout or batch, newest first. */
  of(em: EntityManager, subjectId: string, limit = 500): Promise<PaymentDataAccess[]> {
    return em
      .getRepository(PaymentDataAccess)
      .find({ where: { subjectId }, order: { at: 'DESC', id: 'DESC' }, take: limit });
  }
}
