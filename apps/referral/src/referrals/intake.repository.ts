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

/** The outbox row of `referral.reported`, written by the intake statement itself. */
export interface IntakeEvent {
  eventId: string;
  eventType: string;
  /** Envelope JSON; `data.caseNumber`, `data.likelyDuplicate` and `data.reportingBodyKind` are set by the statement. */
  envelope: string;
}

/** What the intake statement wrote: the referral, or the earlier claim of the same Idempotency-Key. */
export type IntakeWrite =
  { created: IntakeResult } | { existing: { requestHash: string; referralId: string } };

/** Values the statement puts into the event (the contract is checked against these before it runs). */
export const EVENT_PLACEHOLDERS = {
  caseNumber: 'NRM-0000-000000',
  likelyDuplicate: false,
  reportingBodyKind: 'commission_body',
} as const;

/**
 * The whole intake as ONE statement, run as its own implicit transaction (one round trip; no
 * BEGIN/COMMIT): the Idempotency-Key claim, the victim and their data key, the likely-duplicate flags,
 * the case number, the referral and the `referral.reported` outbox row. Any failure rolls all of it
 * back. When the key was claimed before, nothing is written and the earlier claim is returned (a
 * concurrent claim of the same key waits on the primary key until the other intake ends; if that one
 * committed, the claim is empty and the caller reads the winner's claim in a new statement).
 *
 * Parameters ({@link intakeParams}): $1 referral id, $2 victimRef, $3 kind, $4 reporting org,
 * $5 reported by, $6 region, $7 exploitation, $8 urgent needs, $9 identifiedAt, $10 event id,
 * $11 event type, $12 envelope, $13 idempotency key, $14 request hash; with a person, $15 victim id,
 * $16 wrapped key, $17 sex, $18 age estimate, $19 citizenship, $20 languages, $21–$26 sealed given
 * name, family name, date of birth, contact, circumstances, documents, $27 blind index; without one,
 * $15 circumstances and $16 documents (sealed, kept on the referral, R-4.1).
 *
 * Exported so that the benchmark's raw baseline (`npm run bench`) runs exactly this statement.
 */
// @clause handoverDueAt is identifiedAt + 24 hours (handover_due_at below)
export function intakeSql(withPerson: boolean, keyed: boolean): string {
  const claimed = 'EXISTS (SELECT 1 FROM claim)';
  const claim = keyed
    ? `claim AS (
         INSERT INTO "referral".idempotency_keys (reporting_org, idempotency_key, request_hash, referral_id)
         VALUES ($4, $13, $14, $1) ON CONFLICT DO NOTHING RETURNING 1
       ), existing AS (
         -- an earlier claim (committed before this statement began); empty when this one claimed the key
         SELECT request_hash, referral_id FROM "referral".idempotency_keys
          WHERE reporting_org = $4 AND idempotency_key = $13 AND NOT ${claimed}
       )`
    : // no key: always "claimed"; $13 and $14 (null) typed so that every variant takes the same parameters
      `claim AS (SELECT $13::text AS idempotency_key, $14::text AS request_hash), existing AS (SELECT NULL::text AS request_hash, NULL::uuid AS referral_id WHERE false)`;
  const person = withPerson
    ? `, victim AS (
         INSERT INTO "referral".victims (id, victim_ref, sex, age_estimate, citizenship, languages, given_name_enc, family_name_enc,
                                          date_of_birth_enc, contact_enc, circumstances_enc, documents_enc, blind_index)
         SELECT $15, $2, $17, $18, $19, $20::text[], $21, $22, $23, $24, $25, $26, $27 WHERE ${claimed}
         RETURNING id
       ), keyed AS (
         -- the victim's own data key (wrapped by the key ring): deleting it erases the personal data
         INSERT INTO "referral".victim_keys (victim_id, wrapped_key) SELECT id, $16 FROM victim
       ), matches AS (
         -- the new victim row is not visible to this statement: these are earlier reports only
         SELECT id FROM "referral".victims WHERE blind_index = $27 AND ${claimed}
       ), flagged AS (
         UPDATE "referral".referrals r SET likely_duplicate = true, updated_at = now()
          WHERE r.victim_id IN (SELECT id FROM matches) AND NOT r.likely_duplicate
         RETURNING r.id
       )`
    : '';
  const victimId = withPerson ? 'victim.id' : 'NULL';
  const from = withPerson ? 'victim, counter' : 'counter';
  const duplicate = withPerson ? 'EXISTS (SELECT 1 FROM matches) OR EXISTS (SELECT 1 FROM flagged)' : 'false';
  const enc = withPerson ? 'NULL, NULL' : '$15, $16';
  return `WITH ${claim}${person}, counter AS (
         -- the next number of the year's sequence: nothing is held until commit (see migration 1764120000000)
         SELECT y AS year, "referral".next_case_number(y) AS last_value
           FROM (SELECT extract(year FROM now() AT TIME ZONE 'UTC')::int AS y) AS this_year WHERE ${claimed}
       ), org AS (
         SELECT kind FROM "referral".organisations WHERE code = $4
       ), referral AS (
         INSERT INTO "referral".referrals (id, case_number, victim_id, victim_ref, kind, status, reporting_org, reported_by, region,
                                           exploitation, urgent_needs, identified_at, handover_due_at, likely_duplicate,
                                           circumstances_enc, documents_enc)
         SELECT $1, 'NRM-' || counter.year || '-' || lpad(counter.last_value::text, 6, '0'), ${victimId}, $2, $3, 'reported', $4, $5, $6,
                $7::text[], $8::text[], $9::timestamptz, $9::timestamptz + interval '24 hours', ${duplicate}, ${enc}
           FROM ${from}
         RETURNING id, case_number, status, handover_due_at, victim_ref, likely_duplicate
       ), outbox AS (
         -- referral.reported in the same transaction (R-4.1), with the values only the database knows; an
         -- unknown organisation gives a null kind here and fails the referral's foreign key (23503)
         INSERT INTO "referral".outbox (event_id, event_type, aggregate_id, envelope)
         SELECT $10, $11, referral.id::text,
                jsonb_set(jsonb_set(jsonb_set($12::jsonb,
                  '{data,caseNumber}', to_jsonb(referral.case_number)),
                  '{data,likelyDuplicate}', to_jsonb(referral.likely_duplicate)),
                  '{data,reportingBodyKind}', coalesce(to_jsonb((SELECT kind FROM org)), 'null'))
           FROM referral
       )
       SELECT r.id, r.case_number AS "caseNumber", r.status, r.handover_due_at AS "handoverDueAt", r.victim_ref AS "victimRef",
              r.likely_duplicate AS "likelyDuplicate", (SELECT kind FROM org) AS "reportingOrgKind",
              e.request_hash AS "existingHash", e.referral_id AS "existingReferralId"
         FROM (SELECT 1) AS one LEFT JOIN referral r ON true LEFT JOIN existing e ON true`;
}

/** The four variants (with or without a person, with or without an Idempotency-Key), built once. */
export const INTAKE_SQL = {
  person: intakeSql(true, true),
  personUnkeyed: intakeSql(true, false),
  noPerson: intakeSql(false, true),
  noPersonUnkeyed: intakeSql(false, false),
} as const;

/** The parameters of {@link intakeSql} in order. */
export function intakeParams(
  r: IntakeRow,
  event: IntakeEvent,
  claim: { key: string; requestHash: string } | undefined,
): unknown[] {
  const common = [
    r.referralId,
    r.victimRef,
    r.kind,
    r.reportingOrg,
    r.reportedBy,
    r.region,
    r.exploitation,
    r.urgentNeeds,
    r.identifiedAt,
    event.eventId,
    event.eventType,
    event.envelope,
    claim?.key ?? null,
    claim?.requestHash ?? null,
  ];
  const p = r.person;
  if (!p) return [...common, r.circumstancesEnc, r.documentsEnc];
  return [...common, r.victimId, r.wrappedKey, ...personValues(p)];
}

/** A sealed person's values in the victims table's column order (sex … blind_index). */
function personValues(p: SealedPerson): unknown[] {
  return [
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
  ];
}

/** Queries of intake: few round trips, because every report of a presumed victim goes through here. */
@Injectable()
export class IntakeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the whole intake in one statement ({@link intakeSql}): the referral, or nothing when the
   * Idempotency-Key was claimed before (then the earlier claim is returned). The caller wakes the relay.
   */
  async write(
    r: IntakeRow,
    event: IntakeEvent,
    claim?: { key: string; requestHash: string },
  ): Promise<IntakeWrite> {
    const sql = r.person
      ? claim
        ? INTAKE_SQL.person
        : INTAKE_SQL.personUnkeyed
      : claim
        ? INTAKE_SQL.noPerson
        : INTAKE_SQL.noPersonUnkeyed;
    const [row] = await this.dataSource.query<
      (IntakeResult & { existingHash: string | null; existingReferralId: string | null })[]
    >(sql, intakeParams(r, event, claim));
    if (row.id) {
      const { existingHash: _h, existingReferralId: _r, ...created } = row;
      return { created };
    }
    if (row.existingHash && row.existingReferralId) {
      return { existing: { requestHash: row.existingHash, referralId: row.existingReferralId } };
    }
    // The key was claimed by a concurrent intake that committed while this statement waited on it:
    // its row was not in this statement's snapshot, so read it now.
    const [winner] = await this.dataSource.query<{ requestHash: string; referralId: string }[]>(
      `SELECT request_hash AS "requestHash", referral_id AS "referralId" FROM "referral".idempotency_keys
        WHERE reporting_org = $1 AND idempotency_key = $2`,
      [r.reportingOrg, claim!.key],
    );
    return { existing: winner };
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
      [victimId, victimRef, ...personValues(p)],
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
}
