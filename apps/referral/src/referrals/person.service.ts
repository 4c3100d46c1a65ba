import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { commonErrors, UnitOfWork, type Principal } from '#shared';
import { BlindIndex } from '../common/blind-index.js';
import { sealPerson } from '../common/person-seal.js';
import { PiiCipher } from '../common/pii-cipher.js';
import type { AddPersonDto } from './dto/add-person.dto.js';
import { IntakeRepository } from './intake.repository.js';
import { isDutyOfficer } from './referral-access.js';
import type { Referral } from './referral.entity.js';
import { ReferralsRepository } from './referrals.repository.js';
import { referralErrors } from './referrals.errors.js';

/** Adds the person to a detected crime reported without one: only then is there a victim record. */
@Injectable()
export class PersonService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly referrals: ReferralsRepository,
    private readonly intake: IntakeRepository,
    private readonly cipher: PiiCipher,
    private readonly blindIndex: BlindIndex,
  ) {}

  /**
   * The duty officer adds the identified person: the victim record is created under the victimRef
   * reserved at intake, and what was reported about the crime moves into it (re-sealed for the
   * victim's row). The referral is locked, so the person is added once.
   */
  async add(referralId: string, dto: AddPersonDto, user: Principal): Promise<Referral> {
    // @clause the person of a detected crime is added later, by the special police unit's duty officer
    if (!isDutyOfficer(user))
      throw commonErrors.error('forbidden', 'Only the special police unit adds the person to a report');
    await this.uow.run(async (tx) => {
      const referral = await this.referrals.lockById(tx.em, referralId);
      if (!referral) throw commonErrors.error('not-found', 'No such referral');
      if (referral.victimId !== null)
        throw referralErrors.error('person-already-known', 'This referral already has its person');
      const circumstances = this.cipher.decryptOptional(
        referral.circumstancesEnc,
        referral.id,
        'circumstances',
      );
      const documents = this.cipher.decryptOptional(referral.documentsEnc, referral.id, 'documents');
      const victimId = randomUUID();
      const { sealer, wrapped } = this.cipher.newDataKey(victimId);
      const sealed = sealPerson(
        sealer,
        this.blindIndex,
        dto.person,
        { circumstances, documents },
        referral.identifiedAt,
      );
      const duplicate = await this.intake.insertVictim(tx.em, victimId, referral.victimRef, wrapped, sealed);
      await this.referrals.update(tx.em, referral.id, {
        victimId,
        personAddedAt: new Date(),
        personAddedBy: user.sub,
        circumstancesEnc: null,
        documentsEnc: null,
        ...(duplicate ? { likelyDuplicate: true } : {}),
      });
    });
    return (await this.referrals.findById(referralId))!;
  }
}
