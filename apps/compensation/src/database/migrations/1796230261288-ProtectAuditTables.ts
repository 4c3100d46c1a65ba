import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit tables are append-only in the database itself, whatever the application does: the record of
 * who read beneficiaries' payment data and the payouts' status history refuse UPDATE, DELETE and
 * TRUNCATE; the journal, append-only against UPDATE and DELETE since it was created, now refuses
 * TRUNCATE too (R-6.7: the ledger is never rewritten). The service's runtime role owns none of these
 * tables, so it cannot drop the triggers either.
 */
export class ProtectAuditTables1796230261288 implements MigrationInterface {
  name = 'ProtectAuditTables1796230261288';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION "compensation".refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
      END $$`);
    for (const table of ['payment_data_access', 'payout_transitions']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "compensation".${table}
          FOR EACH ROW EXECUTE FUNCTION "compensation".refuse_audit_change()`);
    }
    for (const table of ['payment_data_access', 'payout_transitions', 'journal_entries', 'journal_lines']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "compensation".${table}
          FOR EACH STATEMENT EXECUTE FUNCTION "compensation".refuse_audit_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['payment_data_access', 'payout_transitions', 'journal_entries', 'journal_lines']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON "compensation".${table}`);
    }
    for (const table of ['payment_data_access', 'payout_transitions']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_update_delete ON "compensation".${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS "compensation".refuse_audit_change()`);
  }
}
