import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { UnitOfWork, VictimConsentChanged, isChild, type ConsentPurpose, type Principal } from '#shared';
import { PiiCipher } from '../common/pii-cipher.js';
import { ageOn } from '../common/profile.js';
import type { Victim } from '../referrals/victim.entity.js';
import { consentErrors } from './consents.errors.js';
import { VictimLookupService } from '../victims/victim-lookup.service.js';
import type { Consent, ConsentGiver } from './consent.entity.js';
import { ConsentsRepository } from './consents.repository.js';
import type { RecordConsentDto } from './dto/consent.dto.js';

@Injectable()
export class ConsentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lookup: VictimLookupService,
    private readonly repository: ConsentsRepository,
    private readonly cipher: PiiCipher,
  ) {}

  /**
   * Records consent given or withdrawn for one purpose. A withdrawal is a new record,
   * never an edit; the victim row is locked so a service request sees either the old or the new
   * record, never a race between them.
   */
  // @clause consent is a new record each time; the latest one per purpose is in force
  async record(victimRef: string, dto: RecordConsentDto, user: Principal): Promise<Consent> {
    return this.uow.run(async (tx) => {
      const { victim, referral, wrappedKey } = await this.lookup.forActor(victimRef, user, tx.em, true);
      const givenBy = this.giverOf(victim, wrappedKey, dto.givenBy);
      const consent = await this.repository.insert(tx.em, {
        id: randomUUID(),
        victimId: victim.id,
        purpose: dto.purpose,
        granted: dto.granted,
        recordedBy: user.sub,
        recordedByOrg: user.org,
        givenBy,
      });
      tx.publish(
        VictimConsentChanged,
        {
          victimRef,
          purpose: dto.purpose,
          granted: dto.granted,
          recordedAt: consent.recordedAt.toISOString(),
        },
        { aggregateId: referral.id },
      );
      return consent;
    });
  }

  /**
   * Who may give the victim's consent. A child (under 18, or of an age not yet established: presumed a
   * child) consents through a guardian or legal representative; an adult consents themself.
   */
  private giverOf(victim: Victim, wrappedKey: string | null, stated: ConsentGiver | undefined): ConsentGiver {
    const dateOfBirth = this.cipher
      .forVictim(victim.id, wrappedKey)
      .decryptOptional(victim.dateOfBirthEnc, 'dateOfBirth');
    const age = dateOfBirth !== null ? ageOn(dateOfBirth, new Date()) : victim.ageEstimate;
    // @clause a child's consent is given by a guardian or legal representative, an adult's by the victim
    if (isChild(age)) {
      if (stated === 'guardian' || stated === 'legal_representative') return stated;
      throw consentErrors.error(
        'guardian-required',
        "The victim is a child (or of unknown age): a guardian's or legal representative's consent is needed",
        [{ field: 'givenBy', message: 'must be guardian or legal_representative for a child' }],
      );
    }
    if (stated === undefined || stated === 'victim') return 'victim';
    throw consentErrors.error('guardian-required', 'An adult victim gives consent themself', [
      { field: 'givenBy', message: 'must be victim for an adult' },
    ]);
  }

  async list(victimRef: string, user: Principal): Promise<{ current: Consent[]; history: Consent[] }> {
    const { victim } = await this.lookup.forActor(victimRef, user);
    const history = await this.repository.history(victim.id);
    const latest = new Map<ConsentPurpose, Consent>();
    for (const c of history) latest.set(c.purpose, c);
    return { current: [...latest.values()], history };
  }

  /** The consent in force for a purpose, read in the caller's transaction (after it locked the victim). */
  inForce(em: EntityManager, victimId: string, purpose: ConsentPurpose): Promise<Consent | null> {
    return this.repository.latest(em, victimId, purpose);
  }
}
