import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes on money that left the Fund: once its pain.001 was issued, a payout
 * fails or is returned only on an imported bank report or on one person's request confirmed by
 * another. New payout states `failure_requested` and `return_requested`; the requests and their
 * decisions are an insert-only audit trail, and the database itself refuses a confirmation by the
 * requester or by the payout's maker. A rejected request puts the payout back in `sent` or
 * `settled`, so those two states (and the request states) may now be entered more than once; the
 * ledger's unique key per payout and posting kind still lets each posting happen at most once.
 */
export class AddPayoutChangeRequests1796228237796 implements MigrationInterface {
  name = 'AddPayoutChangeRequests1796228237796';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "compensation".payouts DROP CONSTRAINT payouts_status_check`);
    await q.query(`
      ALTER TABLE "compensation".payouts ADD CONSTRAINT payouts_status_check CHECK (status IN
        ('pending_approval', 'approved', 'sent', 'failure_requested', 'settled', 'return_requested', 'failed', 'returned', 'disbursed'))`);
    await q.query(`ALTER TABLE "compensation".payouts DROP CONSTRAINT payouts_bank_states`);
    await q.query(`
      ALTER TABLE "compensation".payouts ADD CONSTRAINT payouts_bank_states CHECK (method = 'bank_transfer'
        OR (status NOT IN ('sent', 'failure_requested', 'settled', 'return_requested', 'returned') AND batch_id IS NULL))`);
    await q.query(`ALTER TABLE "compensation".payout_transitions DROP CONSTRAINT payout_transitions_once`);
    await q.query(`
      CREATE UNIQUE INDEX payout_transitions_once ON "compensation".payout_transitions (payout_id, to_status)
        WHERE to_status NOT IN ('sent', 'failure_requested', 'settled', 'return_requested')`);

    await q.query(`
      CREATE TABLE "compensation".payout_change_requests (
        id uuid PRIMARY KEY,
        payout_id uuid NOT NULL REFERENCES "compensation".payouts (id),
        kind varchar(10) NOT NULL CHECK (kind IN ('fail', 'return')),
        reason varchar(200) NOT NULL CHECK (length(reason) > 0),
        requested_by varchar(100) NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX payout_change_requests_payout_idx ON "compensation".payout_change_requests (payout_id)`,
    );
    await q.query(`
      CREATE TABLE "compensation".payout_change_decisions (
        request_id uuid PRIMARY KEY REFERENCES "compensation".payout_change_requests (id),
        decision varchar(20) NOT NULL CHECK (decision IN ('confirmed', 'rejected', 'overtaken')),
        decided_by varchar(100) NOT NULL,
        note varchar(200) NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Requests are serialised by the payout's row lock: one is recorded only from `sent` or `settled`
    // and decided only from a request state, and each request has at most one decision (the key).
    await q.query(`
      CREATE FUNCTION "compensation".assert_four_eyes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE requester text; maker text;
      BEGIN
        IF NEW.decision <> 'confirmed' THEN RETURN NEW; END IF;
        SELECT r.requested_by, p.created_by INTO requester, maker
          FROM "compensation".payout_change_requests r JOIN "compensation".payouts p ON p.id = r.payout_id
         WHERE r.id = NEW.request_id;
        IF NEW.decided_by = requester OR NEW.decided_by = maker THEN
          RAISE EXCEPTION 'a change request is confirmed by someone other than its requester and the payout''s maker'
            USING ERRCODE = '23514', CONSTRAINT = 'payout_change_decisions_four_eyes';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_change_decisions_four_eyes BEFORE INSERT ON "compensation".payout_change_decisions
        FOR EACH ROW EXECUTE FUNCTION "compensation".assert_four_eyes()`);
    await q.query(`
      CREATE FUNCTION "compensation".refuse_payout_request_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
      END $$`);
    for (const table of ['payout_change_requests', 'payout_change_decisions']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "compensation".${table}
          FOR EACH ROW EXECUTE FUNCTION "compensation".refuse_payout_request_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "compensation".${table}
          FOR EACH STATEMENT EXECUTE FUNCTION "compensation".refuse_payout_request_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "compensation".payout_change_decisions`);
    await q.query(`DROP TABLE "compensation".payout_change_requests`);
    await q.query(`DROP FUNCTION "compensation".refuse_payout_request_change()`);
    await q.query(`DROP FUNCTION "compensation".assert_four_eyes()`);
    await q.query(`DROP INDEX "compensation".payout_transitions_once`);
    await q.query(`
      DELETE FROM "compensation".payout_transitions t USING (
        SELECT id, row_number() OVER (PARTITION BY payout_id, to_status ORDER BY id) AS n FROM "compensation".payout_transitions
      ) d WHERE d.id = t.id AND d.n > 1`);
    await q.query(
      `ALTER TABLE "compensation".payout_transitions ADD CONSTRAINT payout_transitions_once UNIQUE (payout_id, to_status)`,
    );
    await q.query(`UPDATE "compensation".payouts SET status = 'sent' WHERE status = 'failure_requested'`);
    await q.query(`UPDATE "compensation".payouts SET status = 'settled' WHERE status = 'return_requested'`);
    await q.query(`ALTER TABLE "compensation".payouts DROP CONSTRAINT payouts_bank_states`);
    await q.query(`
      ALTER TABLE "compensation".payouts ADD CONSTRAINT payouts_bank_states CHECK (method = 'bank_transfer'
        OR (status NOT IN ('sent', 'settled', 'returned') AND batch_id IS NULL))`);
    await q.query(`ALTER TABLE "compensation".payouts DROP CONSTRAINT payouts_status_check`);
    await q.query(`
      ALTER TABLE "compensation".payouts ADD CONSTRAINT payouts_status_check
        CHECK (status IN ('pending_approval', 'approved', 'sent', 'settled', 'failed', 'returned', 'disbursed'))`);
  }
}
