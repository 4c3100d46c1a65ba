import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  commonErrors,
  LOGGER,
  ReferralReportedV2Contract,
  UnitOfWork,
  type Principal,
  type ReferralReportedV2,
  isForeignKeyViolation,
} from '#shared';
import { BlindIndex } from '../common/blind-index.js';
import { PiiCipher } from '../common/pii-cipher.js';
import { buildProfile } from '../common/profile.js';
import { ReferralMetrics } from '../common/referral-metrics.js';
import { newVictimRef } from '../common/victim-ref.js';
import { sealPerson } from '../common/person-seal.js';
import type { CreateReferralDto } from './dto/create-referral.dto.js';
import {
  EVENT_PLACEHOLDERS,
  IntakeRepository,
  type IntakeEvent,
  type IntakeResult,
  type IntakeRow,
  type IntakeWrite,
} from './intake.repository.js';
import { ReferralQueryService } from './referral-query.service.js';
import { referralErrors } from './referrals.errors.js';

/** Result of an intake: the referral, and whether it was a replay of an earlier request. */
export interface IntakeOutcome {
  referral: Pick<IntakeResult, 'id' | 'caseNumber' | 'status' | 'handoverDueAt' | 'victimRef'>;
  replayed: boolean;
}

const DAY_MS = 24 * 3_600_000;

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
   * exactly when the referral does. Every CPU-bound step (encryption, hashes, the profile) happens
   * before the transaction, which holds the year's case-number counter until it commits.
   */
  async report(dto: CreateReferralDto, user: Principal, idempotencyKey?: string): Promise<IntakeOutcome> {
    const row = this.seal(dto, user);
    const requestHash = idempotencyKey ? this.blindIndex.request(dto) : undefined;
    // No person known (a detected crime, R-4.1): nothing about them but the needs; of unknown age, so
    // presumed a child.
    const profile = buildProfile(
      {
        sex: dto.person?.sex ?? 'unknown',
        dateOfBirth: dto.person?.dateOfBirth,
        ageEstimate: dto.person?.ageEstimate,
        languages: row.person?.languages ?? [],
        needs: row.urgentNeeds,
      },
      new Date(),
    );

    const claim = idempotencyKey && requestHash ? { key: idempotencyKey, requestHash } : undefined;
    let written: IntakeWrite;
    try {
      // One statement, its own transaction: the claim, the rows and the outbox row together.
      written = await this.repository.write(row, this.announce(row, profile), claim);
    } catch (err) {
      if (isForeignKeyViolation(err, /reporting_org/)) {
        throw referralErrors.error(
          'unknown-organisation',
          'Your organisation is not registered; ask an administrator to add it',
        );
      }
      throw err;
    }
    if ('created' in written) this.uow.wake();

    if ('existing' in written) {
      if (written.existing.requestHash !== requestHash) {
        throw commonErrors.error(
          'idempotency-key-reused',
          'This Idempotency-Key was used with a different request body',
        );
      }
      const referral = await this.queries.findById(written.existing.referralId);
      return { referral: referral!, replayed: true };
    }
    this.metrics.reported.inc({ kind: dto.kind });
    this.logger.info(
      {
        referralId: written.created.id,
        caseNumber: written.created.caseNumber,
        reportingOrg: user.org,
        lateReport: Date.now() > row.identifiedAt.getTime() + DAY_MS,
      },
      'referral reported',
    );
    return { referral: written.created, replayed: false };
  }

  /**
   * The rows to write: the victim's personal fields sealed ({@link sealPerson}). A detected crime with
   * no person known yet has no victim record: the victimRef is reserved for the person, and the
   * circumstances and documents are kept on the referral, encrypted, until the person is added.
   */
  // @clause personal fields are encrypted before they reach the database
  private seal(dto: CreateReferralDto, user: Principal): IntakeRow {
    const victimId = randomUUID();
    const referralId = randomUUID();
    const identifiedAt = new Date(dto.identifiedAt);
    const documents = dto.documents?.length ? JSON.stringify(dto.documents) : undefined;
    const common = {
      referralId,
      victimRef: newVictimRef(),
      kind: dto.kind,
      reportingOrg: user.org,
      reportedBy: user.sub,
      region: dto.region,
      exploitation: dto.exploitation,
      urgentNeeds: dto.urgentNeeds ?? [],
      identifiedAt,
    };
    if (!dto.person) {
      return {
        ...common,
        victimId: null,
        wrappedKey: null,
        person: null,
        circumstancesEnc: this.cipher.encryptOptional(dto.circumstances, referralId, 'circumstances'),
        documentsEnc: this.cipher.encryptOptional(documents, referralId, 'documents'),
      };
    }
    const { sealer, wrapped } = this.cipher.newDataKey(victimId);
    return {
      ...common,
      victimId,
      wrappedKey: wrapped,
      person: sealPerson(
        sealer,
        this.blindIndex,
        dto.person,
        { circumstances: dto.circumstances, documents },
        identifiedAt,
      ),
      circumstancesEnc: null,
      documentsEnc: null,
    };
  }

  /**
   * the duty officer's channel hears of the referral at once; the event carries no personal
   * data. Built (and validated against the contract) before the statement, which writes it with the
   * referral and fills in what only the database knows: the case number, the duplicate flag and the
   * reporting body's kind ({@link EVENT_PLACEHOLDERS} stand in for them in the validation).
   */
  // @clause referral.reported is written with the intake, so the duty channel hears of it at once
  private announce(row: IntakeRow, profile: ReturnType<typeof buildProfile>): IntakeEvent {
    const handoverDueAt = new Date(row.identifiedAt.getTime() + DAY_MS);
    const event = this.uow.outboxRow(
      ReferralReportedV2Contract,
      {
        referralId: row.referralId,
        caseNumber: EVENT_PLACEHOLDERS.caseNumber,
        victimRef: row.victimRef,
        kind: row.kind,
        reportingOrg: row.reportingOrg,
        region: row.region,
        identifiedAt: row.identifiedAt.toISOString(),
        handoverDueAt: handoverDueAt.toISOString(),
        profile,
        likelyDuplicate: EVENT_PLACEHOLDERS.likelyDuplicate,
        // Version 2: categories for the annual report, never free text or identity.
        exploitation: row.exploitation as ReferralReportedV2['exploitation'],
        ...(row.person ? { citizenship: row.person.citizenship } : {}),
        reportingBodyKind: EVENT_PLACEHOLDERS.reportingBodyKind,
      },
      { aggregateId: row.referralId },
    );
    return { eventId: event.eventId, eventType: event.eventType, envelope: event.envelope };
  }
}
