import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  commonErrors,
  UnitOfWork,
  VictimReturnChanged,
  type Principal,
  type ReturnStatus,
  type Transaction,
} from '#shared';
import { isDutyOfficer } from '../referrals/referral-access.js';
import type { Referral } from '../referrals/referral.entity.js';
import { VictimsRepository } from '../victims/victims.repository.js';
import { assertNotErased } from '../victims/victims.errors.js';
import type { OpenReturnDto, ReturnTransitionDto } from './dto/return.dto.js';
import { ReturnCase } from './return-case.entity.js';
import { returnErrors } from './return.errors.js';

/** requested → documents_ready → travel_arranged → returned; cancelled from any open status. */
const NEXT: Record<ReturnStatus, readonly ReturnStatus[]> = {
  requested: ['documents_ready', 'cancelled'],
  documents_ready: ['travel_arranged', 'cancelled'],
  travel_arranged: ['returned', 'cancelled'],
  returned: [],
  cancelled: [],
};

/** Foreign victims' return to their country (R-1.2), with MFA, SMS and SBS told through events (R-2.2). */
@Injectable()
export class ReturnService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly victims: VictimsRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** Opens the case, or records a change of the victim's wish, destination or documents needed. */
  async open(victimRef: string, dto: OpenReturnDto, user: Principal) {
    this.assertDutyOfficer(user);
    return this.uow.run(async (tx) => {
      const { victim, referral } = await this.find(tx, victimRef);
      // @clause a return case is for a foreign victim only (citizenship other than AZ)
      if (victim.citizenship === 'AZ')
        throw returnErrors.error('not-a-foreign-victim', 'The victim is a citizen of Azerbaijan', [
          { field: 'victimRef', message: 'must be a victim whose citizenship is not AZ' },
        ]);
      if (dto.destinationCountry.toUpperCase() === 'AZ')
        throw commonErrors.error('validation-failed', 'Invalid fields: destinationCountry', [
          { field: 'destinationCountry', message: 'must be a country other than AZ' },
        ]);
      const repo = tx.em.getRepository(ReturnCase);
      const existing = await repo.findOne({
        where: { victimId: victim.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && NEXT[existing.status].length === 0)
        throw commonErrors.error('illegal-transition', `The return case is ${existing.status}`);
      const now = new Date();
      // @clause a victim who no longer wishes to return stops the return under way: it is cancelled
      const stopped = existing !== null && existing.status !== 'requested' && dto.wish !== 'return';
      const c: ReturnCase = Object.assign(existing ?? new ReturnCase(), {
        ...(existing
          ? {}
          : {
              id: randomUUID(),
              victimId: victim.id,
              status: 'requested',
              announced: false,
              createdBy: user.sub,
              createdAt: now,
            }),
        wish: dto.wish,
        destinationCountry: dto.destinationCountry.toUpperCase(),
        documentsNeeded: dto.documentsNeeded ?? existing?.documentsNeeded ?? ['travel_document'],
        updatedAt: now,
        ...(stopped ? { status: 'cancelled' as const } : {}),
      });
      this.announce(tx, c, victimRef, referral, now);
      await repo.save(c);
      return { c, victimRef };
    });
  }

  async get(victimRef: string, user: Principal) {
    this.assertDutyOfficer(user);
    const found = await this.victims.findByRef(victimRef);
    if (!found) throw commonErrors.error('not-found', 'No such victim');
    assertNotErased(found.victim);
    const c = await this.dataSource
      .getRepository(ReturnCase)
      .findOne({ where: { victimId: found.victim.id } });
    if (!c) throw commonErrors.error('not-found', 'No return case for this victim');
    return { c, victimRef };
  }

  /** Moves the case on; nothing but a cancellation happens unless the victim wishes to return. */
  async transition(victimRef: string, dto: ReturnTransitionDto, user: Principal) {
    this.assertDutyOfficer(user);
    return this.uow.run(async (tx) => {
      const { victim, referral } = await this.find(tx, victimRef);
      const repo = tx.em.getRepository(ReturnCase);
      const c = await repo.findOne({ where: { victimId: victim.id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw commonErrors.error('not-found', 'No return case for this victim');
      if (!NEXT[c.status].includes(dto.status))
        throw commonErrors.error(
          'illegal-transition',
          `A return case that is ${c.status} cannot become ${dto.status}`,
        );
      // @clause nothing is done towards a return against the victim's wish
      if (dto.status !== 'cancelled' && c.wish !== 'return')
        throw returnErrors.error(
          'against-victims-wish',
          `The victim's wish is ${c.wish}: the return does not progress`,
        );
      const now = new Date();
      c.status = dto.status;
      c.updatedAt = now;
      this.announce(tx, c, victimRef, referral, now);
      await repo.save(c);
      return { c, victimRef };
    });
  }

  /** MFA and SMS (and SBS once travel is arranged) hear of the case only once the victim wished to return. */
  private announce(tx: Transaction, c: ReturnCase, victimRef: string, referral: Referral, now: Date): void {
    if (c.wish !== 'return' && !(c.announced && c.status === 'cancelled')) return;
    c.announced = true;
    tx.publish(
      VictimReturnChanged,
      {
        returnId: c.id,
        victimRef,
        caseNumber: referral.caseNumber,
        status: c.status,
        wish: c.wish,
        destinationCountry: c.destinationCountry,
        at: now.toISOString(),
      },
      { aggregateId: referral.id },
    );
  }

  private async find(tx: Transaction, victimRef: string) {
    const found = await this.victims.findByRef(victimRef, tx.em, true);
    if (!found) throw commonErrors.error('not-found', 'No such victim');
    assertNotErased(found.victim);
    return found;
  }

  private assertDutyOfficer(user: Principal): void {
    if (!isDutyOfficer(user))
      throw commonErrors.error('forbidden', "Only the special police unit handles a victim's return");
  }
}
