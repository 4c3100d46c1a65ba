import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent history (R-3.3, R-6.5: a withdrawal is a new record, never an edit) and the record of
 * handover attempts (R-4.5: refused attempts are kept) are insert-only, like the access log: the
 * database refuses UPDATE, DELETE and TRUNCATE on them, whatever the application does.
 */
export class ProtectAuditHistory1764110000002 implements MigrationInterface {
  name = 'ProtectAuditHistory1764110000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION "referral".refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['consents', 'handover_attempts']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "referral".${table}
        FOR EACH ROW EXECUTE FUNCTION "referral".refuse_history_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "referral".${table}
        FOR EACH STATEMENT EXECUTE FUNCTION "referral".refuse_history_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['consents', 'handover_attempts']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON "referral".${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_update_delete ON "referral".${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS "referral".refuse_history_change()`);
  }
}
