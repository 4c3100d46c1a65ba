import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case numbers from one Postgres sequence per year instead of a counter row.
 *
 * The counter row kept numbers gapless, but its row lock was held from the intake's UPDATE until the
 * commit, so every intake in the country waited for the one before it (measured: intake at 36 % of
 * the same writes through raw `pg`). A sequence hands out numbers without holding anything until
 * commit; numbers stay unique and increasing within a year, and a gap appears only when an intake
 * rolls back after taking its number, which is rare (input is validated before the transaction).
 */
export class NumberCasesFromSequences1764120000000 implements MigrationInterface {
  name = 'NumberCasesFromSequences1764120000000';

  async up(q: QueryRunner): Promise<void> {
    // Returns the next case number of a year, creating that year's sequence on first use.
    await q.query(`
      CREATE FUNCTION "referral".next_case_number(y integer) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE
        seq text := format('"referral".case_numbers_%s', y);
      BEGIN
        BEGIN
          RETURN nextval(seq);
        EXCEPTION WHEN undefined_table THEN
          BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS "referral".case_numbers_%s MINVALUE 1', y);
          EXCEPTION WHEN duplicate_table OR unique_violation THEN
            NULL; -- created meanwhile by a concurrent intake
          END;
          RETURN nextval(seq);
        END;
      END $$`);
    // The years around now exist in advance, so the first intakes of a year never race to create one.
    for (let y = 2020; y <= 2100; y++) {
      await q.query(`CREATE SEQUENCE IF NOT EXISTS "referral".case_numbers_${y} MINVALUE 1`);
    }
    // Carry on from the counters' numbers.
    const counters: { year: number; last_value: number }[] = await q.query(
      `SELECT year, last_value FROM "referral".case_counters`,
    );
    for (const c of counters) {
      await q.query(`CREATE SEQUENCE IF NOT EXISTS "referral".case_numbers_${Number(c.year)} MINVALUE 1`);
      await q.query(`SELECT setval($1, $2)`, [`"referral".case_numbers_${Number(c.year)}`, c.last_value]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to the counter rows, carrying on from the sequences' numbers.
    const sequences: { name: string }[] = await q.query(
      `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'referral' AND sequencename LIKE 'case_numbers_%'`,
    );
    for (const { name } of sequences) {
      const year = Number(name.slice('case_numbers_'.length));
      const [{ last_value: last }] = (await q.query(
        `SELECT last_value, is_called FROM "referral".${name}`,
      )) as { last_value: string; is_called: boolean }[];
      const used: { n: string }[] = await q.query(
        `SELECT count(*) AS n FROM "referral".referrals WHERE case_number LIKE $1`,
        [`NRM-${year}-%`],
      );
      if (Number(used[0].n) > 0) {
        await q.query(
          `INSERT INTO "referral".case_counters (year, last_value) VALUES ($1, $2)
           ON CONFLICT (year) DO UPDATE SET last_value = GREATEST("referral".case_counters.last_value, EXCLUDED.last_value)`,
          [year, Number(last)],
        );
      }
      await q.query(`DROP SEQUENCE "referral".${name}`);
    }
    await q.query(`DROP FUNCTION "referral".next_case_number(integer)`);
  }
}
