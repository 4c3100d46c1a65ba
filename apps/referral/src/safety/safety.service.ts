import { Injectable } from '@nestjs/common';
import { commonErrors, UnitOfWork, VictimSafetyChanged, type Principal } from '#shared';
import { PiiCipher } from '../common/pii-cipher.js';
import { ReferralMetrics } from '../common/referral-metrics.js';
import { isDutyOfficer } from '../referrals/referral-access.js';
import { VictimsRepository } from '../victims/victims.repository.js';
import { assertNotErased } from '../victims/victims.errors.js';
import type { PutSafetyDto, SafetyResponse } from './dto/safety.dto.js';
import { SafetyRepository } from './safety.repository.js';

/** Victims' safety (R-5): the special police unit's assessment, its audited reads, and what leaves the service. */
@Injectable()
export class SafetyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly victims: VictimsRepository,
    private readonly repository: SafetyRepository,
    private readonly cipher: PiiCipher,
    private readonly metrics: ReferralMetrics,
  ) {}

  /**
   * Records the assessment. The threats and measures are sealed like the other personal fields; only
   * the risk level and the disclosure restriction leave, in `victim.safety.changed`.
   */
  async put(victimRef: string, dto: PutSafetyDto, user: Principal): Promise<SafetyResponse> {
    // @clause R-5 only the special police unit's duty officer assesses a victim's safety
    if (!isDutyOfficer(user))
      throw commonErrors.error('forbidden', "Only the special police unit assesses a victim's safety");
    return this.uow.run(async (tx) => {
      const found = await this.victims.findByRef(victimRef, tx.em, true);
      if (!found) throw commonErrors.error('not-found', 'No such victim');
      const { victim, referral } = found;
      assertNotErased(victim);
      const sealer = this.cipher.forVictim(victim.id, found.wrappedKey);
      const now = new Date();
      const version = await this.repository.upsert(tx.em, {
        victimId: victim.id,
        riskLevel: dto.riskLevel,
        threatsEnc: sealer.encrypt(JSON.stringify(dto.threats), 'threats'),
        measuresEnc: sealer.encrypt(JSON.stringify(dto.measures), 'measures'),
        restrictDisclosure: dto.restrictDisclosure,
        assessedBy: user.sub,
        assessedAt: now,
      });
      // @clause R-5 only the risk level and the restriction of disclosure leave the referral service
      tx.publish(
        VictimSafetyChanged,
        {
          victimRef,
          riskLevel: dto.riskLevel,
          restrictDisclosure: dto.restrictDisclosure,
          assessedAt: now.toISOString(),
        },
        { aggregateId: referral.id },
      );
      return {
        victimRef,
        riskLevel: dto.riskLevel,
        threats: dto.threats,
        measures: dto.measures,
        restrictDisclosure: dto.restrictDisclosure,
        assessedBy: user.sub,
        assessedAt: now.toISOString(),
        version,
      };
    });
  }

  /** The assessment, for the special police unit; every read (and refused read) is in the access log. */
  async get(victimRef: string, user: Principal): Promise<SafetyResponse> {
    const found = await this.victims.findByRef(victimRef);
    if (!found) throw commonErrors.error('not-found', 'No such victim');
    assertNotErased(found.victim);
    const sealer = this.cipher.forVictim(found.victim.id, found.wrappedKey);
    const entry = {
      victimId: found.victim.id,
      actorSub: user.sub,
      actorRole: user.role,
      actorOrg: user.org,
      fields: ['threats', 'measures'],
      purpose: 'safety_assessment',
    };
    // @clause R-5 reads of a safety assessment are written to the access log, refused ones too
    if (!isDutyOfficer(user)) {
      await this.victims.logAccess({ ...entry, outcome: 'refused' });
      this.metrics.personalDataReads.inc({ role: user.role, outcome: 'refused' });
      throw commonErrors.error(
        'forbidden',
        "Only the special police unit reads a victim's safety assessment",
      );
    }
    const a = await this.repository.find(found.victim.id);
    if (!a) throw commonErrors.error('not-found', 'No safety assessment is recorded for this victim');
    await this.victims.logAccess({ ...entry, outcome: 'granted' });
    this.metrics.personalDataReads.inc({ role: user.role, outcome: 'granted' });
    return {
      victimRef,
      riskLevel: a.riskLevel,
      threats: JSON.parse(sealer.decrypt(a.threatsEnc, 'threats')) as string[],
      measures: JSON.parse(sealer.decrypt(a.measuresEnc, 'measures')) as string[],
      restrictDisclosure: a.restrictDisclosure,
      assessedBy: a.assessedBy,
      assessedAt: a.assessedAt.toISOString(),
      version: a.version,
    };
  }
}
