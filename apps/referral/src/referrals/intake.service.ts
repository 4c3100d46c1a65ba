import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { commonErrors, LOGGER, ReferralReported, UnitOfWork, type Principal } from '#shared';
import { BlindIndex } from '../common/blind-index.js';
import { PiiCipher } from '../common/pii-cipher.js';
import { buildProfile } from '../common/profile.js';
import { ReferralMetrics } from '../common/referral-metrics.js';
import { newVictimRef } from '../common/victim-ref.js';
import type { CreateReferralDto } from './dto/create-referral.dto.js';
import { IntakeRepository, type IntakeResult } from './intake.repository.js';
import { ReferralQueryService } from './referral-query.service.js';
import { referralErrors } from './referrals.errors.js';

/** Result of an intake: the referral, and whether it was a replay of an earlier request. */
export interface IntakeOutcome {
  referral: Pick<IntakeResult, 'id' | 'caseNumber' | 'status' | 'handoverDueAt' | 'victimRef'>;
  replayed: boolean;
}

const HOUR_MS = 3_600_000;

@Injectable()
export class IntakeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: IntakeRepository,
    private readonly queries: ReferralQueryService,
    private readonly cipher: PiiCipher,
    private readonly blindIndex: BlindIndex,
    private readonly metrics: ReferralMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Records a referral and tells the special police unit at once: the victim, the referral
   * and the `referral.reported` event are written in one transaction (outbox), so the event exists
   * exactly when the referral does.
   */
  async report(dto: CreateReferralDto, user: Principal, idempotencyKey?: string): Promise<IntakeOutcome> {
    const referralId = randomUUID();
    const victimId = randomUUID();
    const victimRef = newVictimRef();
    const identifiedAt = new Date(dto.identifiedAt);
    const person = dto.person;
    const languages = person.languages.map((l) => l.toLowerCase());
    const urgentNeeds = dto.urgentNeeds ?? [];
    const birth = person.dateOfBirth ?? String(identifiedAt.getUTCFullYear() - person.ageEstimate!);
    const requestHash = idempotencyKey ? this.blindIndex.request(dto) : undefined;

    // personal fields are encrypted before they reach the database; the AAD binds each
    // value to this victim row and field.
    const row = {
      referralId,
      victimId,
      victimRef,
      kind: dto.kind,
      reportingOrg: user.org,
      reportedBy: user.sub,
      region: dto.region,
      exploitation: dto.exploitation,
      urgentNeeds,
      identifiedAt,
      sex: person.sex,
      ageEstimate: person.dateOfBirth ? null : (person.ageEstimate ?? null),
      citizenship: person.citizenship.toUpperCase(),
      languages,
      givenNameEnc: this.cipher.encrypt(person.givenName, victimId, 'givenName'),
      familyNameEnc: this.cipher.encrypt(person.familyName, victimId, 'familyName'),
      dateOfBirthEnc: this.cipher.encryptOptional(person.dateOfBirth, victimId, 'dateOfBirth'),
      contactEnc: this.cipher.encryptOptional(person.contact, victimId, 'contact'),
      circumstancesEnc: this.cipher.encryptOptional(dto.circumstances, victimId, 'circumstances'),
      documentsEnc: dto.documents?.length
        ? this.cipher.encrypt(JSON.stringify(dto.documents), victimId, 'documents')
        : null,
      blindIndex: this.blindIndex.person(person.givenName, person.familyName, birth),
    };

    let outcome: { created: IntakeResult } | { existing: { requestHash: string; referralId: string } };
    try {
      outcome = await this.uow.run(async (tx) => {
        if (idempotencyKey) {
          const existing = await this.repository.claimKey(
            tx.em,
            user.org,
            idempotencyKey,
            requestHash!,
            referralId,
          );
          if (existing) return { existing };
        }
        const created = await this.repository.insert(tx.em, row);
        tx.publish(
          ReferralReported,
          {
            referralId: created.id,
            caseNumber: created.caseNumber,
            victimRef,
            kind: dto.kind,
            reportingOrg: user.org,
            region: dto.region,
            identifiedAt: identifiedAt.toISOString(),
            handoverDueAt: created.handoverDueAt.toISOString(),
            profile: buildProfile(
              {
                sex: person.sex,
                dateOfBirth: person.dateOfBirth,
                ageEstimate: person.ageEstimate,
                languages,
                needs: urgentNeeds,
              },
              new Date(),
            ),
            likelyDuplicate: created.likelyDuplicate,
          },
          { aggregateId: created.id },
        );
        return { created };
      });
    } catch (err) {
      if (
        (err as { code?: string; constraint?: string }).code === '23503' &&
        String((err as { constraint?: string }).constraint).includes('reporting_org')
      ) {
        throw referralErrors.error(
          'unknown-organisation',
          'Your organisation is not registered; ask an administrator to add it',
        );
      }
      throw err;
    }

    if ('existing' in outcome) {
      if (outcome.existing.requestHash !== requestHash) {
        throw commonErrors.error(
          'idempotency-key-reused',
          'This Idempotency-Key was used with a different request body',
        );
      }
      const referral = await this.queries.findById(outcome.existing.referralId);
      return { referral: referral!, replayed: true };
    }
    this.metrics.reported.inc({ kind: dto.kind });
    const late = Date.now() > identifiedAt.getTime() + 24 * HOUR_MS;
    this.logger.info(
      {
        referralId: outcome.created.id,
        caseNumber: outcome.created.caseNumber,
        reportingOrg: user.org,
        lateReport: late,
      },
      'referral reported',
    );
    return { referral: outcome.created, replayed: false };
  }
}
