import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Encrypted columns of a payout row, as stored. */
export interface EncryptedPayoutRow {
  id: string;
  beneficiary_name_enc: string;
  iban_enc: string | null;
  identity_document_enc: string | null;
}

/** Queries of the re-encryption job. */
@Injectable()
export class PaymentDataRekeyRepository {
  /**
   * Payouts with any value not written under `activeKeyId`, locked; rows another instance (or a
   * payout transition) holds are skipped and picked up on a later round.
   */
  stale(
    em: EntityManager,
    activeKeyId: string,
    exclude: string[],
    limit: number,
  ): Promise<EncryptedPayoutRow[]> {
    return em.query<EncryptedPayoutRow[]>(
      `SELECT id, beneficiary_name_enc, iban_enc, identity_document_enc FROM "compensation".payouts
        WHERE (split_part(beneficiary_name_enc, '.', 2) <> $1
           OR (iban_enc IS NOT NULL AND split_part(iban_enc, '.', 2) <> $1)
           OR (identity_document_enc IS NOT NULL AND split_part(identity_document_enc, '.', 2) <> $1))
          AND NOT (id = ANY($2::uuid[]))
        LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [activeKeyId, exclude, limit],
    );
  }

  async update(em: EntityManager, row: EncryptedPayoutRow): Promise<void> {
    await em.query(
      `UPDATE "compensation".payouts SET beneficiary_name_enc = $2, iban_enc = $3, identity_document_enc = $4 WHERE id = $1`,
      [row.id, row.beneficiary_name_enc, row.iban_enc, row.identity_document_enc],
    );
  }
}
