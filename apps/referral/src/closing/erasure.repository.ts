import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A victim row to re-key: its sealed fields as stored. */
export interface LegacyVictimRow {
  id: string;
  givenNameEnc: string;
  familyNameEnc: string;
  dateOfBirthEnc: string | null;
  contactEnc: string | null;
  circumstancesEnc: string | null;
  documentsEnc: string | null;
  threatsEnc: string | null;
  measuresEnc: string | null;
}

/** The statements of erasure (crypto-shredding) and of the move of old rows to per-victim data keys. */
@Injectable()
export class ErasureRepository {
  /**
   * Erases the personal data of up to `limit` victims whose referral was closed at least `days` ago:
   * their data key and blind index are deleted (every copy of the fields, backups included, is then
   * unreadable) and the stored ciphertexts are blanked too. Locked rows are skipped, so several
   * instances never erase the same victim twice. The referral, the access log and the counts stay.
   */
  async eraseDue(em: EntityManager, days: number, limit: number): Promise<number> {
    const rows: { id: string }[] = await em.query(
      `SELECT v.id FROM "referral".referrals r JOIN "referral".victims v ON v.id = r.victim_id
        WHERE r.status = 'closed' AND r.closed_at <= now() - make_interval(days => $1) AND v.erased_at IS NULL
        ORDER BY r.closed_at LIMIT $2 FOR UPDATE OF v SKIP LOCKED`,
      [days, limit],
    );
    // A detected crime closed without ever having a person: what was reported is erased with it.
    await em.query(
      `UPDATE "referral".referrals SET circumstances_enc = NULL, documents_enc = NULL, updated_at = now()
        WHERE status = 'closed' AND victim_id IS NULL AND closed_at <= now() - make_interval(days => $1)
          AND (circumstances_enc IS NOT NULL OR documents_enc IS NOT NULL)`,
      [days],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await em.query(`DELETE FROM "referral".victim_keys WHERE victim_id = ANY ($1::uuid[])`, [ids]);
    await em.query(`DELETE FROM "referral".safety_assessments WHERE victim_id = ANY ($1::uuid[])`, [ids]);
    await em.query(
      `UPDATE "referral".victims
          SET erased_at = now(), blind_index = NULL, given_name_enc = '', family_name_enc = '', date_of_birth_enc = NULL,
              contact_enc = NULL, circumstances_enc = NULL, documents_enc = NULL
        WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    return ids.length;
  }

  /** Up to `limit` victims written before per-victim data keys, locked (SKIP LOCKED: one instance each). */
  async lockLegacy(em: EntityManager, limit: number): Promise<LegacyVictimRow[]> {
    return em.query(
      `SELECT v.id, v.given_name_enc AS "givenNameEnc", v.family_name_enc AS "familyNameEnc",
              v.date_of_birth_enc AS "dateOfBirthEnc", v.contact_enc AS "contactEnc",
              v.circumstances_enc AS "circumstancesEnc", v.documents_enc AS "documentsEnc",
              s.threats_enc AS "threatsEnc", s.measures_enc AS "measuresEnc"
         FROM "referral".victims v LEFT JOIN "referral".safety_assessments s ON s.victim_id = v.id
        WHERE v.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM "referral".victim_keys k WHERE k.victim_id = v.id)
        LIMIT $1 FOR UPDATE OF v SKIP LOCKED`,
      [limit],
    );
  }

  /** Stores a victim's fields re-sealed under its new data key, and the key. */
  async rekey(em: EntityManager, row: LegacyVictimRow, wrappedKey: string): Promise<void> {
    await em.query(
      `UPDATE "referral".victims SET given_name_enc = $2, family_name_enc = $3, date_of_birth_enc = $4, contact_enc = $5,
              circumstances_enc = $6, documents_enc = $7 WHERE id = $1`,
      [
        row.id,
        row.givenNameEnc,
        row.familyNameEnc,
        row.dateOfBirthEnc,
        row.contactEnc,
        row.circumstancesEnc,
        row.documentsEnc,
      ],
    );
    if (row.threatsEnc !== null && row.measuresEnc !== null)
      await em.query(
        `UPDATE "referral".safety_assessments SET threats_enc = $2, measures_enc = $3 WHERE victim_id = $1`,
        [row.id, row.threatsEnc, row.measuresEnc],
      );
    await em.query(`INSERT INTO "referral".victim_keys (victim_id, wrapped_key) VALUES ($1, $2)`, [
      row.id,
      wrappedKey,
    ]);
  }
}
