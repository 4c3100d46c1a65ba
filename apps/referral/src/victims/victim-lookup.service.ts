import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { commonErrors, type Principal } from '#shared';
import { canActForVictim } from '../referrals/referral-access.js';
import { VictimsRepository, type VictimWithReferral } from './victims.repository.js';
import { assertNotErased } from './victims.errors.js';

/** Finds a victim the caller may act for; anything else is answered as not found (no existence leak). */
@Injectable()
export class VictimLookupService {
  constructor(private readonly victims: VictimsRepository) {}

  /** Within a transaction, locks the victim row: consent changes and service requests take turns. */
  async forActor(
    victimRef: string,
    user: Principal,
    em?: EntityManager,
    lock = false,
  ): Promise<VictimWithReferral> {
    const found = await this.victims.findByRef(victimRef, em, lock);
    if (!found || !canActForVictim(found.referral, user))
      throw commonErrors.error('not-found', 'No such victim');
    assertNotErased(found.victim);
    return found;
  }
}
