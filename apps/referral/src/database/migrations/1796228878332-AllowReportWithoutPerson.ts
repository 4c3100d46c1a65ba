import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-4.1's second case: a body detects that a trafficking crime is being prepared or committed and the
 * special police unit is told at once, with no person known yet. Such a referral has no victim record
 * (victim_id is null; its victimRef is reserved for the person) until the duty officer adds the person;
 * what was reported meanwhile is kept on the referral, encrypted, and moves to the victim's record then.
 * A person whose age is not established (no birth date, no estimate) may be recorded: they are presumed
 * a child (R-6.6). The handover records which documents were delivered with the person (R-4.2).
 */
export class AllowReportWithoutPerson1796228878332 implements MigrationInterface {
  name = 'AllowReportWithoutPerson1796228878332';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referral".referrals ALTER COLUMN victim_id DROP NOT NULL`);
    await q.query(`
      ALTER TABLE "referral".referrals
        ADD COLUMN circumstances_enc text,
        ADD COLUMN documents_enc text,
        ADD COLUMN person_added_at timestamptz,
        ADD COLUMN person_added_by text,
        ADD COLUMN handover_documents text[],
        ADD CONSTRAINT referrals_person_unless_crime_detected CHECK (victim_id IS NOT NULL OR kind = 'crime_detected')`);
    await q.query(`ALTER TABLE "referral".victims DROP CONSTRAINT victims_age_or_birth_date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "referral".victims
        ADD CONSTRAINT victims_age_or_birth_date CHECK (age_estimate IS NOT NULL OR date_of_birth_enc IS NOT NULL)`);
    await q.query(`
      ALTER TABLE "referral".referrals
        DROP CONSTRAINT IF EXISTS referrals_person_unless_crime_detected,
        DROP COLUMN IF EXISTS handover_documents,
        DROP COLUMN IF EXISTS person_added_by,
        DROP COLUMN IF EXISTS person_added_at,
        DROP COLUMN IF EXISTS documents_enc,
        DROP COLUMN IF EXISTS circumstances_enc`);
    await q.query(`ALTER TABLE "referral".referrals ALTER COLUMN victim_id SET NOT NULL`);
  }
}
