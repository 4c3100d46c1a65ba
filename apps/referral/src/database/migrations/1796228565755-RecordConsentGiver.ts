import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who gave a consent: the victim, or for a child a guardian or legal representative. Records
 * made before it are the victim's own. The consent history stays insert-only (its triggers fire on
 * row changes; adding a column with a default changes no row).
 */
export class RecordConsentGiver1796228565755 implements MigrationInterface {
  name = 'RecordConsentGiver1796228565755';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "referral".consents
        ADD COLUMN given_by text NOT NULL DEFAULT 'victim'
          CHECK (given_by IN ('victim', 'guardian', 'legal_representative'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referral".consents DROP COLUMN IF EXISTS given_by`);
  }
}
