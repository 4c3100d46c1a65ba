import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key a court or decision number is compared by. A frozen copy of `decisionKey` as it was when
 * this migration was written, so that the migration never changes when the service's rule does.
 */
function keyOf(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/\u0307/g, '')
    .normalize('NFKC')
    .replace(/[\p{P}\p{S}\p{Z}\p{C}\s]+/gu, ' ')
    .trim();
}

/**
 * Court decisions count only once confirmed by a second person, are identified by their
 * normalised court and decision number (a unique index per claim, so a re-typed decision is
 * refused by the database), and a decision on appeal names the one it replaces (each decision is
 * replaced at most once, by a decision of the same claim). Confirmations are insert-only and the
 * database refuses one by the decision's recorder. Decisions themselves are immutable from now on:
 * a correction is a new decision that supersedes the old one.
 *
 * Existing decisions get their keys; where two existing decisions of a claim have the same key (the
 * re-typing this migration closes), the later ones are marked `duplicate_of` the first and never
 * count. Existing decisions are not confirmed: a second person must confirm them before the Fund
 * pays under them again.
 */
export class ConfirmCourtDecisions1796230018621 implements MigrationInterface {
  name = 'ConfirmCourtDecisions1796230018621';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "compensation".court_decisions
        ADD COLUMN court_key varchar(200) NULL,
        ADD COLUMN number_key varchar(100) NULL,
        ADD COLUMN supersedes_decision_id uuid NULL,
        ADD COLUMN duplicate_of uuid NULL REFERENCES "compensation".court_decisions (id)`);
    const rows = (await q.query(
      `SELECT id, claim_id, court, decision_number FROM "compensation".court_decisions ORDER BY created_at, id`,
    )) as { id: string; claim_id: string; court: string; decision_number: string }[];
    const first = new Map<string, string>();
    for (const r of rows) {
      const courtKey = keyOf(r.court) || r.court;
      const numberKey = keyOf(r.decision_number) || r.decision_number;
      const k = JSON.stringify([r.claim_id, courtKey, numberKey]);
      const original = first.get(k);
      if (original === undefined) first.set(k, r.id);
      await q.query(
        `UPDATE "compensation".court_decisions SET court_key = $2, number_key = $3, duplicate_of = $4 WHERE id = $1`,
        [r.id, courtKey, numberKey, original ?? null],
      );
    }
    await q.query(`
      ALTER TABLE "compensation".court_decisions
        ALTER COLUMN court_key SET NOT NULL,
        ALTER COLUMN number_key SET NOT NULL,
        ADD CONSTRAINT court_decisions_keys_not_empty CHECK (court_key <> '' AND number_key <> ''),
        ADD CONSTRAINT court_decisions_id_claim_uq UNIQUE (id, claim_id),
        ADD CONSTRAINT court_decisions_supersedes_same_claim FOREIGN KEY (supersedes_decision_id, claim_id)
          REFERENCES "compensation".court_decisions (id, claim_id),
        ADD CONSTRAINT court_decisions_not_self CHECK (supersedes_decision_id <> id)`);
    await q.query(`
      CREATE UNIQUE INDEX court_decisions_key_uq ON "compensation".court_decisions (claim_id, court_key, number_key)
        WHERE duplicate_of IS NULL`);
    await q.query(`
      CREATE UNIQUE INDEX court_decisions_superseded_once ON "compensation".court_decisions (supersedes_decision_id)
        WHERE supersedes_decision_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE "compensation".court_decision_confirmations (
        decision_id uuid PRIMARY KEY REFERENCES "compensation".court_decisions (id),
        confirmed_by varchar(100) NOT NULL,
        confirmed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION "compensation".assert_decision_second_person() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM "compensation".court_decisions d WHERE d.id = NEW.decision_id AND d.created_by = NEW.confirmed_by) THEN
          RAISE EXCEPTION 'a court decision is confirmed by someone other than its recorder'
            USING ERRCODE = '23514', CONSTRAINT = 'court_decision_confirmations_second_person';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER court_decision_confirmations_second_person BEFORE INSERT ON "compensation".court_decision_confirmations
        FOR EACH ROW EXECUTE FUNCTION "compensation".assert_decision_second_person()`);
    await q.query(`
      CREATE FUNCTION "compensation".refuse_decision_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
      END $$`);
    for (const table of ['court_decisions', 'court_decision_confirmations']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "compensation".${table}
          FOR EACH ROW EXECUTE FUNCTION "compensation".refuse_decision_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "compensation".${table}
          FOR EACH STATEMENT EXECUTE FUNCTION "compensation".refuse_decision_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER court_decisions_append_only ON "compensation".court_decisions`);
    await q.query(`DROP TRIGGER court_decisions_no_truncate ON "compensation".court_decisions`);
    await q.query(`DROP TABLE "compensation".court_decision_confirmations`);
    await q.query(`DROP FUNCTION "compensation".refuse_decision_change()`);
    await q.query(`DROP FUNCTION "compensation".assert_decision_second_person()`);
    await q.query(`DROP INDEX "compensation".court_decisions_superseded_once`);
    await q.query(`DROP INDEX "compensation".court_decisions_key_uq`);
    await q.query(`
      ALTER TABLE "compensation".court_decisions
        DROP CONSTRAINT court_decisions_not_self,
        DROP CONSTRAINT court_decisions_supersedes_same_claim,
        DROP CONSTRAINT court_decisions_id_claim_uq,
        DROP CONSTRAINT court_decisions_keys_not_empty,
        DROP COLUMN duplicate_of,
        DROP COLUMN supersedes_decision_id,
        DROP COLUMN number_key,
        DROP COLUMN court_key`);
  }
}
