import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationKind } from '#shared';
import type { SealedPerson } from '../common/person-seal.js';
import type { ReferralKind, ReferralStatus } from '../common/vocabulary.js';

/** The rows intake writes, already encrypted where personal. */
export interface IntakeRow {
  referralId: string;
  /** Null (and `person` null) for a detected crime with no person known yet. */
  victimId: string | null;
  /** The victim's data key, wrapped by the key ring (R-1.3.2 crypto-shredding). */
  wrappedKey: string | null;
  victimRef: string;
  kind: ReferralKind;
  reportingOrg: string;
  reportedBy: string;
  region: string;
  exploitation: string[];
  urgentNeeds: string[];
  identifiedAt: Date;
  person: SealedPerson | null;
  /** Kept on the referral (AAD = referral id) only while it has no person. */
  circumstancesEnc: string | null;
  documentsEnc: string | null;
}

export interface IntakeResult {
  id: string;
  caseNumber: string;
  status: ReferralStatus;
  handoverDueAt: Date;
  victimRef: string;
  likelyDuplicate: boolean;
  /** Kind of the reporting organisation (carried by `referral.reported` v2 for the annual report). */
  reportingOrgKind: OrganisationKind;
}

/**
 * The statements of intake, exported so that the benchmark's raw baseline (`npm run bench`) issues
 * exactly the same writes straight through `pg`.
 */
export const CLAIM_KEY_SQL = `INSERT INTO "referral".idempotency_keys (reporting_org, idempotency_key, request_hash, referral_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`;

/** Victim, duplicate flags, case number and referral in one statement (see {@link IntakeRepository.insert}). */
// @clause handoverDueAt is identifiedAt + 24 hours (handover_due_at below)
export const INTAKE_INSERT_SQL = `WITH victim AS (
         INSERT INTO "referral".victims (id, victim_ref, sex, age_estimate, citizenship, languages, given_name_enc, family_name_enc,
                                          date_of_birth_enc, contact_enc, circumstances_enc, documents_enc, blind_index)
         VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12, $13)
         RETURNING id
       ), keyed AS (
         -- the victim's own data key (wrapped by the key ring): deleting it erases the personal data
         INSERT INTO "referral".victim_keys (victim_id, wrapped_key) SELECT id, $22 FROM victim
       ), matches AS (
         -- the new victim row is not visible to this statement: these are earlier reports only
         SELECT id FROM "referral".victims WHERE blind_index = $13
       ), flagged AS (
         UPDATE "referral".referrals r SET likely_duplicate = true, updated_at = now()
          WHERE r.victim_id IN (SELECT id FROM matches) AND NOT r.likely_duplicate
         RETURNING r.id
       ), counter AS (
         -- the next number of the year's sequence: nothing is held until commit (see migration 1764120000000)
         SELECT y AS year, "referral".next_case_number(y) AS last_value
           FROM (SELECT extract(year FROM now() AT TIME ZONE 'UTC')::int AS y) AS this_year
       )
       INSERT INTO "referral".referrals (id, case_number, victim_id, victim_ref, kind, status, reporting_org, reported_by, region,
                                         exploitation, urgent_needs, identified_at, handover_due_at, likely_duplicate)
       SELECT $14, 'NRM-' || counter.year || '-' || lpad(counter.last_value::text, 6, '0'), victim.id, $2, $15, 'reported', $16, $17, $18,
              $19::text[], $20::text[], $21::timestamptz, $21::timestamptz + interval '24 hours',
              EXISTS (SELECT 1 FROM matches) OR EXISTS (SELECT 1 FROM flagged)
         FROM victim, counter
       RETURNING id, case_number AS "caseNumber", status, handover_due_at AS "handoverDueAt", victim_ref AS "victimRef",
                 likely_duplicate AS "likelyDuplicate",
                 (SELECT kind FROM "referral".organisations WHERE code = $16) AS "reportingOrgKind"`;

/** A referral with no person known: no victim row, the victimRef reserved; same case numbering. */
export const INTAKE_WITHOUT_PERSON_SQL = `WITH counter AS (
         SELECT y AS year, "referral".next_case_number(y) AS last_value
           FROM (SELECT extract(year FROM now() AT TIME ZONE 'UTC')::int AS y) AS this_year
       )
       INSERT INTO "referral".referrals (id, case_number, victim_id, victim_ref, kind, status, reporting_org, reported_by, region,
                                         exploitation, urgent_needs, identified_at, handover_due_at, likely_duplicate,
                                         circumstances_enc, documents_enc)
       SELECT $1, 'NRM-' || counter.year || '-' || lpad(counter.last_value::text, 6, '0'), NULL, $2, $3, 'reported', $4, $5, $6,
              $7::text[], $8::text[], $9::timestamptz, $9::timestamptz + interval '24 hours', false, $10, $11
         FROM counter
       RETURNING id, case_number AS "caseNumber", status, handover_due_at AS "handoverDueAt", victim_ref AS "victimRef",
                 likely_duplicate AS "likelyDuplicate",
                 (SELECT kind FROM "referral".organisations WHERE code = $4) AS "reportingOrgKind"`;

/** Queries of intake: few round trips, because every report of a presumed victim goes through here. */
@Injectable()
export class IntakeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims an Idempotency-Key for a referral about to be written. A concurrent claim of the same key
   * waits on the primary key until this transaction ends, so exactly one referral is created.
   * Returns the existing claim when the key was used before.
   */
  async claimKey(
    em: EntityManager,
    org: string,
    key: string,
    requestHash: string,
    referralId: string,
  ): Promise<{ requestHash: string; referralId: string } | undefined> {
    const inserted: unknown[] = await em.query(CLAIM_KEY_SQL, [org, key, requestHash, referralId]);
    if (inserted.length) return undefined;
    const rows: { requestHash: string; referralId: string }[] = await em.query(
      `SELECT request_hash AS "requestHash", referral_id AS "referralId" FROM "referral".idempotency_keys
        WHERE reporting_org = $1 AND idempotency_key = $2`,
      [org, key],
    );
    return rows[0];
  }

  /**
   * Writes the victim and the referral in one statement: the victim row, the likely-duplicate flag on
   * earlier referrals of the same person (blind index match, R-1.3.2: nothing is decrypted), the next
   * case number of the year (from the year's sequence: unique and increasing, with a gap only where an
   * intake rolled back), and the referral with handoverDueAt = identifiedAt + 24 h.
   */
  async insert(em: EntityManager, r: IntakeRow, p: SealedPerson): Promise<IntakeResult> {
    const rows: IntakeResult[] = await em.query(INTAKE_INSERT_SQL, [
      r.victimId,
      r.victimRef,
      p.sex,
      p.ageEstimate,
      p.citizenship,
      p.languages,
      p.givenNameEnc,
      p.familyNameEnc,
      p.dateOfBirthEnc,
      p.contactEnc,
      p.circumstancesEnc,
      p.documentsEnc,
      p.blindIndex,
      r.referralId,
      r.kind,
      r.reportingOrg,
      r.reportedBy,
      r.region,
      r.exploitation,
      r.urgentNeeds,
      r.identifiedAt,
      r.wrappedKey,
    ]);
    return rows[0];
  }

  /** Writes a referral without a person (R-4.1, a detected crime): no victim row until one is added. */
  async insertWithoutPerson(em: EntityManager, r: IntakeRow): Promise<IntakeResult> {
    const rows: IntakeResult[] = await em.query(INTAKE_WITHOUT_PERSON_SQL, [
      r.referralId,
      r.victimRef,
      r.kind,
      r.reportingOrg,
      r.reportedBy,
      r.region,
      r.exploitation,
      r.urgentNeeds,
      r.identifiedAt,
      r.circumstancesEnc,
      r.documentsEnc,
    ]);
    return rows[0];
  }

  /**
   * Writes the victim row of a person added to a referral later and flags the earlier reports of
   * the same person (blind index). Returns whether any earlier report matched.
   */
  async insertVictim(
    em: EntityManager,
    victimId: string,
    victimRef: string,
    wrappedKey: string,
    p: SealedPerson,
  ): Promise<boolean> {
    await em.query(
      `INSERT INTO "referral".victims (id, victim_ref, sex, age_estimate, citizenship, languages, given_name_enc, family_name_enc,
                                        date_of_birth_enc, contact_enc, circumstances_enc, documents_enc, blind_index)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12, $13)`,
      [
        victimId,
        victimRef,
        p.sex,
        p.ageEstimate,
        p.citizenship,
        p.languages,
        p.givenNameEnc,
        p.familyNameEnc,
        p.dateOfBirthEnc,
        p.contactEnc,
        p.circumstancesEnc,
        p.documentsEnc,
        p.blindIndex,
      ],
    );
    await em.query(`INSERT INTO "referral".victim_keys (victim_id, wrapped_key) VALUES ($1, $2)`, [
      victimId,
      wrappedKey,
    ]);
    const flagged: unknown[] = await em.query(
      `UPDATE "referral".referrals SET likely_duplicate = true, updated_at = now()
        WHERE victim_id IN (SELECT id FROM "referral".victims WHERE blind_index = $1 AND id <> $2) RETURNING id`,
      [p.blindIndex, victimId],
    );
    return flagged.length > 0;
  }

  /** Deletes up to `limit` keys created before `cutoff` (rows locked by another instance are skipped). */
  async forgetKeysBefore(cutoff: Date, limit: number): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM "referral".idempotency_keys WHERE (reporting_org, idempotency_key) IN (
         SELECT reporting_org, idempotency_key FROM "referral".idempotency_keys WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [cutoff, limit],
    );
    return count;
  }
}
